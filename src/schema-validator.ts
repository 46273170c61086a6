import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { lazy } from './lazy.js';

const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

/**
 * The one ajv instance, made on first use: each instance compiles ajv's meta-schemas (tens of ms), and a
 * scan used to make six of them at every start.
 */
const sharedAjv = lazy(() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
});

/** Compiles a schema now (ajv keeps it: the same schema object compiles once). */
export function compileSchema(schema: object): ValidateFunction {
  return sharedAjv().compile(schema);
}

/** A validator compiled on first use, so importing a module costs nothing. */
export function schemaValidator(schema: object): () => ValidateFunction {
  return lazy(() => compileSchema(schema));
}
