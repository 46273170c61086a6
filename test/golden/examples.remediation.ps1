# casguard remediation script — generated 2026-11-20T10:00:00Z by casguard 0.1.0 (exchange-baseline 1.0.0)
# Run in the Exchange Management Shell. Review every line before running it.
# Every change carries -WhatIf: it only reports what it would do. Generate with --apply-ready to apply.
# Each server is handled in its own block: an error there is reported and the script goes on with the next one.
#Requires -Version 5.1
$ErrorActionPreference = 'Stop'
$casguardFailed = @()

# ======================================================================
# Organisation and mailboxes
# ======================================================================
try {
    # EXCAS-001 high: the Administrator mailbox corp.contoso.com/Staff/Administrator has PopEnabled true, ImapEnabled true
    # EXCAS-003 medium: corp.contoso.com/Staff/Administrator has PopEnabled true but is not in the POP3 allow-list
    # EXCAS-004 medium: corp.contoso.com/Staff/Administrator has ImapEnabled true but is not in the IMAP4 allow-list
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/Administrator' -PopEnabled $false -ImapEnabled $false -WhatIf

    # EXCAS-002 high: privileged mailbox corp.contoso.com/Staff/Jane Smith (admin) can use POP3 or IMAP4 (PopEnabled false, ImapEnabled true)
    # EXCAS-004 medium: corp.contoso.com/Staff/Jane Smith (admin) has ImapEnabled true but is not in the IMAP4 allow-list
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/Jane Smith (admin)' -PopEnabled $false -ImapEnabled $false -WhatIf

    # EXCAR-006 medium: rule "Block legacy POP3" names POP3, which client access rules do not control on Exchange Server
    # manual step: "Block legacy POP3" names only protocols Exchange Server does not control, so it never applies here. Remove it (Remove-ClientAccessRule -Identity 'Block legacy POP3') once nobody relies on it; clearing AnyOfProtocols instead would make it apply to every protocol

    # EXCAS-003 medium: corp.contoso.com/Staff/DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852} has PopEnabled true but is not in the POP3 allow-list
    # EXCAS-005 medium: service mailbox corp.contoso.com/Staff/DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852} can use POP3 or IMAP4 (PopEnabled true, ImapEnabled false)
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}' -PopEnabled $false -ImapEnabled $false -WhatIf

    # EXCAS-003 medium: corp.contoso.com/Staff/Siobhan O'Brien & Partners has PopEnabled true but is not in the POP3 allow-list
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/Siobhan O''Brien & Partners' -PopEnabled $false -WhatIf

    # EXCAS-003 medium: corp.contoso.com/Staff/Staff Member 009 has PopEnabled true but is not in the POP3 allow-list
    # EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 009 has ImapEnabled true but is not in the IMAP4 allow-list
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 009' -PopEnabled $false -ImapEnabled $false -WhatIf

    # EXCAS-003 medium: corp.contoso.com/Staff/Staff Member 018 has PopEnabled true but is not in the POP3 allow-list
    # EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 018 has ImapEnabled true but is not in the IMAP4 allow-list
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 018' -PopEnabled $false -ImapEnabled $false -WhatIf

    # EXCAS-003 medium: corp.contoso.com/Staff/Staff Member 027 has PopEnabled true but is not in the POP3 allow-list
    # EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 027 has ImapEnabled true but is not in the IMAP4 allow-list
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 027' -PopEnabled $false -ImapEnabled $false -WhatIf

    # EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 007 has ImapEnabled true but is not in the IMAP4 allow-list
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 007' -ImapEnabled $false -WhatIf

    # EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 014 has ImapEnabled true but is not in the IMAP4 allow-list
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 014' -ImapEnabled $false -WhatIf

    # EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 021 has ImapEnabled true but is not in the IMAP4 allow-list
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 021' -ImapEnabled $false -WhatIf

    # EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 028 has ImapEnabled true but is not in the IMAP4 allow-list
    Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 028' -ImapEnabled $false -WhatIf

    # EXX-003 medium: PopSettings/mail.contoso.com: X509CertificateName differs (EX2016A: mail.contoso.com, EX2016B: ex2016b, EXSE01: mail.contoso.com, EXSE02: mail.contoso.com); ports/encryption differ (EX2016A: 995:SSL, EX2016B: 110:, EXSE01: 995:SSL, EXSE02: 995:SSL)
    # manual step: give every server that publishes mail.contoso.com the same ExternalConnectionSettings entry and the X509CertificateName of the certificate issued to mail.contoso.com (Set-PopSettings -Server <server> -ExternalConnectionSettings … -X509CertificateName …), then restart the POP3 services there

    # EXX-005 low: IMAP4 service state differs between servers: enabled on EX2016A, EXSE01, EXSE02; disabled or stopped on EX2016B
    # manual step: converge IMAP4: disable it everywhere if it is not required (the services findings give the commands), or start it on every server that should serve it

    # EXX-005 low: POP3 service state differs between servers: enabled on EX2016A, EX2016B; disabled or stopped on EXSE01, EXSE02
    # manual step: converge POP3: disable it everywhere if it is not required (the services findings give the commands), or start it on every server that should serve it

} catch {
    $casguardFailed += 'organisation and mailboxes'
    Write-Warning ("casguard: " + 'organisation and mailboxes failed: ' + $_.Exception.Message)
}

# ======================================================================
# Server EX2016A
# ======================================================================
try {
    # EXIMAP-001 high: IMAP4 on EX2016A accepts logons with LoginType PlainTextAuthentication
    # EXX-001 high: ImapSettings LoginType is not the same on every server: PlainTextAuthentication on EX2016A; SecureLogin on EXSE01, EXSE02
    # EXIMAP-009 medium: IMAP4 on EX2016A accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
    # EXIMAP-002 low: IMAP4 on EX2016A listens for clear-text/STARTTLS connections on [::]:143, 0.0.0.0:143
    # EXIMAP-011 low: IMAP4 on EX2016A logs to C:\Program Files\Microsoft\Exchange Server\V15\Logging\Imap4 with LogPerFileSizeQuota Unlimited: on the system drive, or into one ever-growing file
    # EXIMAP-014 low: IMAP4 on EX2016A greets clients with "The Microsoft Exchange IMAP4 service is ready.", which names the product (an empty banner means the default one)
    # EXIMAP-016 info: IMAP4 on EX2016A does not enforce certificate errors
    Set-ImapSettings -Server 'EX2016A' -LoginType SecureLogin -ExtendedProtectionPolicy Require -UnencryptedOrTLSBindings 127.0.0.1:143 -LogPerFileSizeQuota 0 -Banner "IMAP4 server ready" -EnforceCertificateErrors $true -WhatIf
    # manual step: if some IMAP4 client cannot use Extended Protection, use -ExtendedProtectionPolicy Allow during the transition, or -EnableGSSAPIAndNTLMAuth $false when no client needs NTLM
    # manual step: Set-ImapSettings -Server 'EX2016A' — decide -LogFileLocation: a folder on a log volume other than the system drive
    # manual step: check first that every server presents a valid CA certificate for IMAP4: with errors enforced, a self-signed backend certificate could break proxying

    # EXSVC-001 high: POP3 services on EX2016A are frontend Running/Automatic, backend Running/Automatic although POP3 is not required
    Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Stop-Service -Name MSExchangePOP3,MSExchangePOP3BE -WhatIf }
    Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Set-Service -Name MSExchangePOP3 -StartupType Disabled -WhatIf }
    Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Set-Service -Name MSExchangePOP3BE -StartupType Disabled -WhatIf }

    # EXSVC-002 high: IMAP4 services on EX2016A are frontend Running/Automatic, backend Running/Automatic although IMAP4 is not required
    Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Stop-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE -WhatIf }
    Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Set-Service -Name MSExchangeIMAP4 -StartupType Disabled -WhatIf }
    Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Set-Service -Name MSExchangeIMAP4BE -StartupType Disabled -WhatIf }

    # EXIMAP-012 medium: IMAP4 on EX2016A allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16: unlimited or above the policy
    # manual step: Set-ImapSettings -Server 'EX2016A' — decide -MaxConnectionFromSingleIP: a MaxConnectionFromSingleIP that fits your clients (set maxConnFromSingleIP in casguard.yml to have it written here); -MaxConnections: a MaxConnections limit that fits the server

    # EXPOP-009 medium: POP3 on EX2016A accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
    # EXPOP-002 low: POP3 on EX2016A listens for clear-text/STARTTLS connections on [::]:110, 0.0.0.0:110
    # EXPOP-011 low: POP3 on EX2016A logs to C:\Program Files\Microsoft\Exchange Server\V15\Logging\Pop3 with LogPerFileSizeQuota Unlimited: on the system drive, or into one ever-growing file
    # EXPOP-014 low: POP3 on EX2016A greets clients with "The Microsoft Exchange POP3 service is ready.", which names the product (an empty banner means the default one)
    # EXPOP-016 info: POP3 on EX2016A does not enforce certificate errors
    Set-PopSettings -Server 'EX2016A' -ExtendedProtectionPolicy Require -UnencryptedOrTLSBindings 127.0.0.1:110 -LogPerFileSizeQuota 0 -Banner "POP3 server ready" -EnforceCertificateErrors $true -WhatIf
    # manual step: if some POP3 client cannot use Extended Protection, use -ExtendedProtectionPolicy Allow during the transition, or -EnableGSSAPIAndNTLMAuth $false when no client needs NTLM
    # manual step: Set-PopSettings -Server 'EX2016A' — decide -LogFileLocation: a folder on a log volume other than the system drive
    # manual step: check first that every server presents a valid CA certificate for POP3: with errors enforced, a self-signed backend certificate could break proxying

    # EXPOP-012 medium: POP3 on EX2016A allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16: unlimited or above the policy
    # manual step: Set-PopSettings -Server 'EX2016A' — decide -MaxConnectionFromSingleIP: a MaxConnectionFromSingleIP that fits your clients (set maxConnFromSingleIP in casguard.yml to have it written here); -MaxConnections: a MaxConnections limit that fits the server

} catch {
    $casguardFailed += 'server EX2016A'
    Write-Warning ("casguard: " + 'server EX2016A failed: ' + $_.Exception.Message)
}

# ======================================================================
# Server EX2016B
# ======================================================================
try {
    # EXPOP-001 critical: POP3 on EX2016B accepts logons with LoginType PlainTextLogin
    # EXPOP-004 high: POP3 on EX2016B tells users to connect without encryption (external: mail.contoso.com:110 (no encryption); internal: ex2016b.corp.contoso.com:995:SSL, ex2016b.corp.contoso.com:110:TLS)
    # EXPOP-010 high: POP3 protocol logging is off on EX2016B
    # EXX-001 high: PopSettings LoginType is not the same on every server: SecureLogin on EX2016A; PlainTextLogin on EX2016B
    # EXPOP-002 medium: POP3 on EX2016B listens for clear-text/STARTTLS connections on [::]:110, 0.0.0.0:110
    # EXPOP-007 medium: POP3 on EX2016B uses X509CertificateName EX2016B, a short name like that of the self-signed setup certificate
    # EXPOP-008 medium: POP3 on EX2016B uses certificate name EX2016B, which matches none of the advertised hosts (mail.contoso.com:110 (no encryption); ex2016b.corp.contoso.com:995:SSL, ex2016b.corp.contoso.com:110:TLS)
    # EXPOP-009 medium: POP3 on EX2016B accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
    # EXX-002 medium: PopSettings ProtocolLogEnabled is not the same on every server: true on EX2016A; false on EX2016B
    # EXPOP-014 low: POP3 on EX2016B greets clients with "The Microsoft Exchange POP3 service is ready.", which names the product (an empty banner means the default one)
    # EXPOP-016 info: POP3 on EX2016B does not enforce certificate errors
    Set-PopSettings -Server 'EX2016B' -LoginType SecureLogin -ExternalConnectionSettings 'mail.contoso.com:995:SSL' -ProtocolLogEnabled $true -UnencryptedOrTLSBindings 127.0.0.1:110 -X509CertificateName 'mail.contoso.com' -ExtendedProtectionPolicy Require -Banner "POP3 server ready" -EnforceCertificateErrors $true -WhatIf
    # manual step: if some POP3 client cannot use Extended Protection, use -ExtendedProtectionPolicy Allow during the transition, or -EnableGSSAPIAndNTLMAuth $false when no client needs NTLM
    # manual step: check first that every server presents a valid CA certificate for POP3: with errors enforced, a self-signed backend certificate could break proxying

    # EXIMAP-010 high: IMAP4 protocol logging is off on EX2016B
    # EXIMAP-009 medium: IMAP4 on EX2016B accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
    # EXIMAP-002 low: IMAP4 on EX2016B listens for clear-text/STARTTLS connections on [::]:143, 0.0.0.0:143
    # EXIMAP-013 low: IMAP4 on EX2016B keeps idle sessions open for 1.00:00:00 (before logon: 00:01:00), longer than the defaults
    # EXIMAP-014 low: IMAP4 on EX2016B greets clients with "The Microsoft Exchange IMAP4 service is ready.", which names the product (an empty banner means the default one)
    # EXIMAP-016 info: IMAP4 on EX2016B does not enforce certificate errors
    Set-ImapSettings -Server 'EX2016B' -ProtocolLogEnabled $true -ExtendedProtectionPolicy Require -UnencryptedOrTLSBindings 127.0.0.1:143 -AuthenticatedConnectionTimeout '00:30:00' -Banner "IMAP4 server ready" -EnforceCertificateErrors $true -WhatIf
    # manual step: if some IMAP4 client cannot use Extended Protection, use -ExtendedProtectionPolicy Allow during the transition, or -EnableGSSAPIAndNTLMAuth $false when no client needs NTLM
    # manual step: check first that every server presents a valid CA certificate for IMAP4: with errors enforced, a self-signed backend certificate could break proxying

    # EXSVC-001 high: POP3 services on EX2016B are frontend Running/Automatic, backend Running/Automatic although POP3 is not required
    Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Stop-Service -Name MSExchangePOP3,MSExchangePOP3BE -WhatIf }
    Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Set-Service -Name MSExchangePOP3 -StartupType Disabled -WhatIf }
    Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Set-Service -Name MSExchangePOP3BE -StartupType Disabled -WhatIf }

    # EXIMAP-012 medium: IMAP4 on EX2016B allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16: unlimited or above the policy
    # manual step: Set-ImapSettings -Server 'EX2016B' — decide -MaxConnectionFromSingleIP: a MaxConnectionFromSingleIP that fits your clients (set maxConnFromSingleIP in casguard.yml to have it written here); -MaxConnections: a MaxConnections limit that fits the server

    # EXPOP-012 medium: POP3 on EX2016B allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16: unlimited or above the policy
    # manual step: Set-PopSettings -Server 'EX2016B' — decide -MaxConnectionFromSingleIP: a MaxConnectionFromSingleIP that fits your clients (set maxConnFromSingleIP in casguard.yml to have it written here); -MaxConnections: a MaxConnections limit that fits the server

    # EXSVC-002 medium: IMAP4 services on EX2016B are frontend Stopped/Manual, backend Stopped/Manual although IMAP4 is not required
    Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Stop-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE -WhatIf }
    Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Set-Service -Name MSExchangeIMAP4 -StartupType Disabled -WhatIf }
    Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Set-Service -Name MSExchangeIMAP4BE -StartupType Disabled -WhatIf }

} catch {
    $casguardFailed += 'server EX2016B'
    Write-Warning ("casguard: " + 'server EX2016B failed: ' + $_.Exception.Message)
}

# ======================================================================
# Server EXSE01
# ======================================================================
try {
    # EXSVC-002 high: IMAP4 services on EXSE01 are frontend Running/Automatic, backend Running/Automatic although IMAP4 is not required
    Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Stop-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE -WhatIf }
    Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Set-Service -Name MSExchangeIMAP4 -StartupType Disabled -WhatIf }
    Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Set-Service -Name MSExchangeIMAP4BE -StartupType Disabled -WhatIf }

    # EXIMAP-009 medium: IMAP4 on EXSE01 accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
    # EXIMAP-002 low: IMAP4 on EXSE01 listens for clear-text/STARTTLS connections on [::]:143, 0.0.0.0:143
    # EXIMAP-014 low: IMAP4 on EXSE01 greets clients with "The Microsoft Exchange IMAP4 service is ready.", which names the product (an empty banner means the default one)
    # EXIMAP-016 info: IMAP4 on EXSE01 does not enforce certificate errors
    Set-ImapSettings -Server 'EXSE01' -ExtendedProtectionPolicy Require -UnencryptedOrTLSBindings 127.0.0.1:143 -Banner "IMAP4 server ready" -EnforceCertificateErrors $true -WhatIf
    # manual step: if some IMAP4 client cannot use Extended Protection, use -ExtendedProtectionPolicy Allow during the transition, or -EnableGSSAPIAndNTLMAuth $false when no client needs NTLM
    # manual step: check first that every server presents a valid CA certificate for IMAP4: with errors enforced, a self-signed backend certificate could break proxying

    # EXIMAP-012 medium: IMAP4 on EXSE01 allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16: unlimited or above the policy
    # manual step: Set-ImapSettings -Server 'EXSE01' — decide -MaxConnectionFromSingleIP: a MaxConnectionFromSingleIP that fits your clients (set maxConnFromSingleIP in casguard.yml to have it written here); -MaxConnections: a MaxConnections limit that fits the server

    # EXPOP-009 medium: POP3 on EXSE01 accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
    # EXPOP-002 low: POP3 on EXSE01 listens for clear-text/STARTTLS connections on [::]:110, 0.0.0.0:110
    # EXPOP-014 low: POP3 on EXSE01 greets clients with "The Microsoft Exchange POP3 service is ready.", which names the product (an empty banner means the default one)
    # EXPOP-016 info: POP3 on EXSE01 does not enforce certificate errors
    Set-PopSettings -Server 'EXSE01' -ExtendedProtectionPolicy Require -UnencryptedOrTLSBindings 127.0.0.1:110 -Banner "POP3 server ready" -EnforceCertificateErrors $true -WhatIf
    # manual step: if some POP3 client cannot use Extended Protection, use -ExtendedProtectionPolicy Allow during the transition, or -EnableGSSAPIAndNTLMAuth $false when no client needs NTLM
    # manual step: check first that every server presents a valid CA certificate for POP3: with errors enforced, a self-signed backend certificate could break proxying

    # EXPOP-012 medium: POP3 on EXSE01 allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16: unlimited or above the policy
    # manual step: Set-PopSettings -Server 'EXSE01' — decide -MaxConnectionFromSingleIP: a MaxConnectionFromSingleIP that fits your clients (set maxConnFromSingleIP in casguard.yml to have it written here); -MaxConnections: a MaxConnections limit that fits the server

    # EXSVC-001 medium: POP3 services on EXSE01 are frontend Stopped/Manual, backend Stopped/Manual although POP3 is not required
    Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Stop-Service -Name MSExchangePOP3,MSExchangePOP3BE -WhatIf }
    Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Set-Service -Name MSExchangePOP3 -StartupType Disabled -WhatIf }
    Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Set-Service -Name MSExchangePOP3BE -StartupType Disabled -WhatIf }

} catch {
    $casguardFailed += 'server EXSE01'
    Write-Warning ("casguard: " + 'server EXSE01 failed: ' + $_.Exception.Message)
}

# ======================================================================
# Server EXSE02
# ======================================================================
try {
    # EXIMAP-010 high: IMAP4 protocol logging is off on EXSE02
    # EXIMAP-009 medium: IMAP4 on EXSE02 accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
    # EXX-002 medium: ImapSettings ProtocolLogEnabled is not the same on every server: true on EX2016A, EXSE01; false on EXSE02
    # EXIMAP-002 low: IMAP4 on EXSE02 listens for clear-text/STARTTLS connections on [::]:143, 0.0.0.0:143
    # EXIMAP-014 low: IMAP4 on EXSE02 greets clients with "The Microsoft Exchange IMAP4 service is ready.", which names the product (an empty banner means the default one)
    # EXIMAP-016 info: IMAP4 on EXSE02 does not enforce certificate errors
    Set-ImapSettings -Server 'EXSE02' -ProtocolLogEnabled $true -ExtendedProtectionPolicy Require -UnencryptedOrTLSBindings 127.0.0.1:143 -Banner "IMAP4 server ready" -EnforceCertificateErrors $true -WhatIf
    # manual step: if some IMAP4 client cannot use Extended Protection, use -ExtendedProtectionPolicy Allow during the transition, or -EnableGSSAPIAndNTLMAuth $false when no client needs NTLM
    # manual step: check first that every server presents a valid CA certificate for IMAP4: with errors enforced, a self-signed backend certificate could break proxying

    # EXSVC-002 high: IMAP4 services on EXSE02 are frontend Running/Automatic, backend Running/Automatic although IMAP4 is not required
    Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Stop-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE -WhatIf }
    Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Set-Service -Name MSExchangeIMAP4 -StartupType Disabled -WhatIf }
    Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Set-Service -Name MSExchangeIMAP4BE -StartupType Disabled -WhatIf }

    # EXIMAP-012 medium: IMAP4 on EXSE02 allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16: unlimited or above the policy
    # manual step: Set-ImapSettings -Server 'EXSE02' — decide -MaxConnectionFromSingleIP: a MaxConnectionFromSingleIP that fits your clients (set maxConnFromSingleIP in casguard.yml to have it written here); -MaxConnections: a MaxConnections limit that fits the server

    # EXPOP-009 medium: POP3 on EXSE02 accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
    # EXPOP-002 low: POP3 on EXSE02 listens for clear-text/STARTTLS connections on [::]:110, 0.0.0.0:110
    # EXPOP-014 low: POP3 on EXSE02 greets clients with "The Microsoft Exchange POP3 service is ready.", which names the product (an empty banner means the default one)
    # EXPOP-016 info: POP3 on EXSE02 does not enforce certificate errors
    Set-PopSettings -Server 'EXSE02' -ExtendedProtectionPolicy Require -UnencryptedOrTLSBindings 127.0.0.1:110 -Banner "POP3 server ready" -EnforceCertificateErrors $true -WhatIf
    # manual step: if some POP3 client cannot use Extended Protection, use -ExtendedProtectionPolicy Allow during the transition, or -EnableGSSAPIAndNTLMAuth $false when no client needs NTLM
    # manual step: check first that every server presents a valid CA certificate for POP3: with errors enforced, a self-signed backend certificate could break proxying

    # EXPOP-012 medium: POP3 on EXSE02 allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16: unlimited or above the policy
    # manual step: Set-PopSettings -Server 'EXSE02' — decide -MaxConnectionFromSingleIP: a MaxConnectionFromSingleIP that fits your clients (set maxConnFromSingleIP in casguard.yml to have it written here); -MaxConnections: a MaxConnections limit that fits the server

    # EXSVC-001 medium: POP3 services on EXSE02 are frontend Stopped/Manual, backend Stopped/Manual although POP3 is not required
    Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Stop-Service -Name MSExchangePOP3,MSExchangePOP3BE -WhatIf }
    Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Set-Service -Name MSExchangePOP3 -StartupType Disabled -WhatIf }
    Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Set-Service -Name MSExchangePOP3BE -StartupType Disabled -WhatIf }

} catch {
    $casguardFailed += 'server EXSE02'
    Write-Warning ("casguard: " + 'server EXSE02 failed: ' + $_.Exception.Message)
}

# Left out: waived findings
# EXSRV-001 high: EX2016A runs 15.1.2507.6, out of support — waived until 2027-03-31 (Legacy servers are decommissioned after the SE migration completes (cut-over wave 3).; owner messaging-team@contoso.com)
# EXSRV-001 high: EX2016B runs 15.1.2507.6, out of support — waived until 2027-03-31 (Legacy servers are decommissioned after the SE migration completes (cut-over wave 3).; owner messaging-team@contoso.com)
# EXCAS-004 medium: corp.contoso.com/Staff/Siobhan O'Brien & Partners has ImapEnabled true but is not in the IMAP4 allow-list — waived until 2026-12-15 (Partner firm archive sync over IMAP until the contract ends.; owner it-security@contoso.com)

if ($casguardFailed.Count -gt 0) { Write-Warning ('casguard: not completed for: ' + ($casguardFailed -join ', ')); exit 1 }
