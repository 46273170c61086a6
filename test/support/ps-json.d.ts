export function toPs51Json(value: unknown, eol?: string): string;
export function toPs7Json(value: unknown, eol?: string): string;
export function encodeUtf16LeBom(text: string): Buffer;
export function ps51Date(d: Date): string;
