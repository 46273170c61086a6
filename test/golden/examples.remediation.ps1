# casguard remediation script — generated 2026-11-20T10:00:00Z by casguard 0.1.0 (exchange-baseline 1.0.0)
# Run in the Exchange Management Shell. Review every line before running it.
# Every change carries -WhatIf: it only reports what it would do. Generate with --apply-ready to apply.
#Requires -Version 5.1
$ErrorActionPreference = 'Stop'

# ======================================================================
# Organisation and mailboxes (any Exchange server)
# ======================================================================

# EXCAS-001 high: the Administrator mailbox corp.contoso.com/Staff/Administrator has PopEnabled true, ImapEnabled true
Set-CASMailbox -Identity corp.contoso.com/Staff/Administrator -PopEnabled $false -ImapEnabled $false -WhatIf

# EXCAS-002 high: privileged mailbox corp.contoso.com/Staff/Jane Smith (admin) has PopEnabled false, ImapEnabled true
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Jane Smith (admin)' -PopEnabled $false -ImapEnabled $false -WhatIf

# EXX-001 high: ImapSettings LoginType is not the same on every server: PlainTextAuthentication on EX2016A; SecureLogin on EXSE01, EXSE02
# manual step: Get-ExchangeServer | Where-Object { $_.IsClientAccessServer } | ForEach-Object { Set-PopSettings -Server $_.Name -LoginType SecureLogin }

# EXX-001 high: PopSettings LoginType is not the same on every server: SecureLogin on EX2016A; PlainTextLogin on EX2016B
# manual step: Get-ExchangeServer | Where-Object { $_.IsClientAccessServer } | ForEach-Object { Set-PopSettings -Server $_.Name -LoginType SecureLogin }

# EXCAR-006 medium: rule "Block legacy POP3" names protocols POP3, which client access rules do not control on Exchange Server
Remove-ClientAccessRule -Identity 'Block legacy POP3' -Confirm:$false -WhatIf

# EXCAS-003 medium: corp.contoso.com/Staff/Administrator has PopEnabled true but is not in the POP3 allow-list
Set-CASMailbox -Identity corp.contoso.com/Staff/Administrator -PopEnabled $false -WhatIf

# EXCAS-003 medium: corp.contoso.com/Staff/DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852} has PopEnabled true but is not in the POP3 allow-list
# manual step: Set-CASMailbox -Identity 'corp.contoso.com/Staff/DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}' -PopEnabled $false

# EXCAS-003 medium: corp.contoso.com/Staff/Siobhan O'Brien & Partners has PopEnabled true but is not in the POP3 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Siobhan O''Brien & Partners' -PopEnabled $false -WhatIf

# EXCAS-003 medium: corp.contoso.com/Staff/Staff Member 009 has PopEnabled true but is not in the POP3 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 009' -PopEnabled $false -WhatIf

# EXCAS-003 medium: corp.contoso.com/Staff/Staff Member 018 has PopEnabled true but is not in the POP3 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 018' -PopEnabled $false -WhatIf

# EXCAS-003 medium: corp.contoso.com/Staff/Staff Member 027 has PopEnabled true but is not in the POP3 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 027' -PopEnabled $false -WhatIf

# EXCAS-004 medium: corp.contoso.com/Staff/Administrator has ImapEnabled true but is not in the IMAP4 allow-list
Set-CASMailbox -Identity corp.contoso.com/Staff/Administrator -ImapEnabled $false -WhatIf

# EXCAS-004 medium: corp.contoso.com/Staff/Jane Smith (admin) has ImapEnabled true but is not in the IMAP4 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Jane Smith (admin)' -ImapEnabled $false -WhatIf

# EXCAS-004 medium: corp.contoso.com/Staff/Siobhan O'Brien & Partners has ImapEnabled true but is not in the IMAP4 allow-list
# left out: waived until 2026-12-15 (Partner firm archive sync over IMAP until the contract ends.; owner it-security@contoso.com)

# EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 007 has ImapEnabled true but is not in the IMAP4 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 007' -ImapEnabled $false -WhatIf

# EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 009 has ImapEnabled true but is not in the IMAP4 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 009' -ImapEnabled $false -WhatIf

# EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 014 has ImapEnabled true but is not in the IMAP4 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 014' -ImapEnabled $false -WhatIf

# EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 018 has ImapEnabled true but is not in the IMAP4 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 018' -ImapEnabled $false -WhatIf

# EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 021 has ImapEnabled true but is not in the IMAP4 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 021' -ImapEnabled $false -WhatIf

# EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 027 has ImapEnabled true but is not in the IMAP4 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 027' -ImapEnabled $false -WhatIf

# EXCAS-004 medium: corp.contoso.com/Staff/Staff Member 028 has ImapEnabled true but is not in the IMAP4 allow-list
Set-CASMailbox -Identity 'corp.contoso.com/Staff/Staff Member 028' -ImapEnabled $false -WhatIf

# EXCAS-005 medium: service mailbox corp.contoso.com/Staff/DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852} has PopEnabled true, ImapEnabled false
# manual step: Set-CASMailbox -Identity 'corp.contoso.com/Staff/DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}' -PopEnabled $false -ImapEnabled $false

# EXX-002 medium: ImapSettings ProtocolLogEnabled is not the same on every server: true on EX2016A, EXSE01; false on EXSE02
# manual step: Get-ExchangeServer | Where-Object { $_.IsClientAccessServer } | ForEach-Object { Set-PopSettings -Server $_.Name -ProtocolLogEnabled $true }

# EXX-002 medium: PopSettings ProtocolLogEnabled is not the same on every server: true on EX2016A; false on EX2016B
# manual step: Get-ExchangeServer | Where-Object { $_.IsClientAccessServer } | ForEach-Object { Set-PopSettings -Server $_.Name -ProtocolLogEnabled $true }

# EXX-003 medium: PopSettings/mail.contoso.com: X509CertificateName differs (EX2016A: mail.contoso.com, EX2016B: ex2016b, EXSE01: mail.contoso.com, EXSE02: mail.contoso.com); ports/encryption differ (EX2016A: 995:SSL, EX2016B: 110:, EXSE01: 995:SSL, EXSE02: 995:SSL)
# manual step: Set-PopSettings -Server <server> -ExternalConnectionSettings "mail.contoso.com:995:SSL" -X509CertificateName mail.contoso.com

# EXX-005 low: IMAP4 service state differs between servers: enabled on EX2016A, EXSE01, EXSE02; disabled or stopped on EX2016B
# manual step: Converge with EXSVC-001/002 (disable everywhere) or EXSVC-003 (enable everywhere)

# EXX-005 low: POP3 service state differs between servers: enabled on EX2016A, EX2016B; disabled or stopped on EXSE01, EXSE02
# manual step: Converge with EXSVC-001/002 (disable everywhere) or EXSVC-003 (enable everywhere)

# ======================================================================
# Server EX2016A
# ======================================================================

# EXIMAP-001 high: IMAP4 on EX2016A accepts logons with LoginType PlainTextAuthentication
Set-ImapSettings -Server EX2016A -LoginType SecureLogin -WhatIf

# EXSRV-001 high: EX2016A runs 15.1.2507.6, out of support
# left out: waived until 2027-03-31 (Legacy servers are decommissioned after the SE migration completes (cut-over wave 3).; owner messaging-team@contoso.com)

# EXSVC-001 high: POP3 services on EX2016A are frontend Running/Automatic, backend Running/Automatic although params.pop.required is false
Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Stop-Service -Name MSExchangePOP3,MSExchangePOP3BE -WhatIf }
Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Set-Service -Name MSExchangePOP3 -StartupType Disabled -WhatIf }
Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Set-Service -Name MSExchangePOP3BE -StartupType Disabled -WhatIf }

# EXSVC-002 high: IMAP4 services on EX2016A are frontend Running/Automatic, backend Running/Automatic although params.imap.required is false
Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Stop-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE -WhatIf }
Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Set-Service -Name MSExchangeIMAP4 -StartupType Disabled -WhatIf }
Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Set-Service -Name MSExchangeIMAP4BE -StartupType Disabled -WhatIf }

# EXIMAP-009 medium: IMAP4 on EX2016A accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
Set-ImapSettings -Server EX2016A -ExtendedProtectionPolicy Require -WhatIf

# EXIMAP-012 medium: IMAP4 on EX2016A allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16
Set-ImapSettings -Server EX2016A -MaxConnectionFromSingleIP 20 -MaxConnections 2000 -MaxConnectionsPerUser 16 -WhatIf

# EXPOP-009 medium: POP3 on EX2016A accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
Set-PopSettings -Server EX2016A -ExtendedProtectionPolicy Require -WhatIf

# EXPOP-012 medium: POP3 on EX2016A allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16
Set-PopSettings -Server EX2016A -MaxConnectionFromSingleIP 20 -MaxConnections 2000 -MaxConnectionsPerUser 16 -WhatIf

# EXIMAP-002 low: IMAP4 on EX2016A listens for clear-text/STARTTLS connections on [::]:143, 0.0.0.0:143
Set-ImapSettings -Server EX2016A -UnencryptedOrTLSBindings 127.0.0.1:143 -WhatIf

# EXIMAP-011 low: IMAP4 logs on EX2016A are written to C:\Program Files\Microsoft\Exchange Server\V15\Logging\Imap4 with LogPerFileSizeQuota Unlimited
Set-ImapSettings -Server EX2016A -LogFileLocation "D:\Logs\Imap4" -LogPerFileSizeQuota 0 -LogFileRollOverSettings Hourly -WhatIf

# EXIMAP-014 low: IMAP4 on EX2016A greets clients with "The Microsoft Exchange IMAP4 service is ready."
Set-ImapSettings -Server EX2016A -Banner "IMAP4 server ready" -WhatIf

# EXPOP-002 low: POP3 on EX2016A listens for clear-text/STARTTLS connections on [::]:110, 0.0.0.0:110
Set-PopSettings -Server EX2016A -UnencryptedOrTLSBindings 127.0.0.1:110 -WhatIf

# EXPOP-011 low: POP3 logs on EX2016A are written to C:\Program Files\Microsoft\Exchange Server\V15\Logging\Pop3 with LogPerFileSizeQuota Unlimited
Set-PopSettings -Server EX2016A -LogFileLocation "D:\Logs\Pop3" -LogPerFileSizeQuota 0 -LogFileRollOverSettings Hourly -WhatIf

# EXPOP-014 low: POP3 on EX2016A greets clients with "The Microsoft Exchange POP3 service is ready."
Set-PopSettings -Server EX2016A -Banner "POP3 server ready" -WhatIf

# EXIMAP-016 info: IMAP4 on EX2016A does not enforce certificate errors
Set-ImapSettings -Server EX2016A -EnforceCertificateErrors $true -WhatIf

# EXPOP-016 info: POP3 on EX2016A does not enforce certificate errors
Set-PopSettings -Server EX2016A -EnforceCertificateErrors $true -WhatIf

# Restart the services the changes above need on EX2016A:
Invoke-Command -ComputerName 'EX2016A' -ScriptBlock { Restart-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE,MSExchangePOP3,MSExchangePOP3BE -WhatIf }

# ======================================================================
# Server EX2016B
# ======================================================================

# EXPOP-001 critical: POP3 on EX2016B accepts logons with LoginType PlainTextLogin
Set-PopSettings -Server EX2016B -LoginType SecureLogin -WhatIf

# EXIMAP-010 high: IMAP4 protocol logging is off on EX2016B
Set-ImapSettings -Server EX2016B -ProtocolLogEnabled $true -WhatIf

# EXPOP-004 high: POP3 on EX2016B tells users to connect without encryption (external: mail.contoso.com:110:; internal: ex2016b.corp.contoso.com:995:SSL, ex2016b.corp.contoso.com:110:TLS)
Set-PopSettings -Server EX2016B -ExternalConnectionSettings "mail.contoso.com:995:SSL" -InternalConnectionSettings "EX2016B.contoso.com:995:SSL" -WhatIf

# EXPOP-010 high: POP3 protocol logging is off on EX2016B
Set-PopSettings -Server EX2016B -ProtocolLogEnabled $true -WhatIf

# EXSRV-001 high: EX2016B runs 15.1.2507.6, out of support
# left out: waived until 2027-03-31 (Legacy servers are decommissioned after the SE migration completes (cut-over wave 3).; owner messaging-team@contoso.com)

# EXSVC-001 high: POP3 services on EX2016B are frontend Running/Automatic, backend Running/Automatic although params.pop.required is false
Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Stop-Service -Name MSExchangePOP3,MSExchangePOP3BE -WhatIf }
Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Set-Service -Name MSExchangePOP3 -StartupType Disabled -WhatIf }
Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Set-Service -Name MSExchangePOP3BE -StartupType Disabled -WhatIf }

# EXIMAP-009 medium: IMAP4 on EX2016B accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
Set-ImapSettings -Server EX2016B -ExtendedProtectionPolicy Require -WhatIf

# EXIMAP-012 medium: IMAP4 on EX2016B allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16
Set-ImapSettings -Server EX2016B -MaxConnectionFromSingleIP 20 -MaxConnections 2000 -MaxConnectionsPerUser 16 -WhatIf

# EXPOP-002 medium: POP3 on EX2016B listens for clear-text/STARTTLS connections on [::]:110, 0.0.0.0:110
Set-PopSettings -Server EX2016B -UnencryptedOrTLSBindings 127.0.0.1:110 -WhatIf

# EXPOP-007 medium: POP3 on EX2016B uses X509CertificateName EX2016B, the name of the self-signed setup certificate
Set-PopSettings -Server EX2016B -X509CertificateName mail.contoso.com -WhatIf

# EXPOP-008 medium: POP3 on EX2016B uses certificate name EX2016B, which matches none of the advertised hosts (mail.contoso.com:110:; ex2016b.corp.contoso.com:995:SSL, ex2016b.corp.contoso.com:110:TLS)
Set-PopSettings -Server EX2016B -X509CertificateName mail.contoso.com -WhatIf

# EXPOP-009 medium: POP3 on EX2016B accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
Set-PopSettings -Server EX2016B -ExtendedProtectionPolicy Require -WhatIf

# EXPOP-012 medium: POP3 on EX2016B allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16
Set-PopSettings -Server EX2016B -MaxConnectionFromSingleIP 20 -MaxConnections 2000 -MaxConnectionsPerUser 16 -WhatIf

# EXSVC-002 medium: IMAP4 services on EX2016B are frontend Stopped/Manual, backend Stopped/Manual although params.imap.required is false
Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Stop-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE -WhatIf }
Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Set-Service -Name MSExchangeIMAP4 -StartupType Disabled -WhatIf }
Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Set-Service -Name MSExchangeIMAP4BE -StartupType Disabled -WhatIf }

# EXIMAP-002 low: IMAP4 on EX2016B listens for clear-text/STARTTLS connections on [::]:143, 0.0.0.0:143
Set-ImapSettings -Server EX2016B -UnencryptedOrTLSBindings 127.0.0.1:143 -WhatIf

# EXIMAP-013 low: IMAP4 on EX2016B keeps idle sessions open for 1.00:00:00 (before logon: 00:01:00)
Set-ImapSettings -Server EX2016B -AuthenticatedConnectionTimeout 00:30:00 -PreAuthenticatedConnectionTimeout 00:01:00 -WhatIf

# EXIMAP-014 low: IMAP4 on EX2016B greets clients with "The Microsoft Exchange IMAP4 service is ready."
Set-ImapSettings -Server EX2016B -Banner "IMAP4 server ready" -WhatIf

# EXPOP-014 low: POP3 on EX2016B greets clients with "The Microsoft Exchange POP3 service is ready."
Set-PopSettings -Server EX2016B -Banner "POP3 server ready" -WhatIf

# EXIMAP-016 info: IMAP4 on EX2016B does not enforce certificate errors
Set-ImapSettings -Server EX2016B -EnforceCertificateErrors $true -WhatIf

# EXPOP-016 info: POP3 on EX2016B does not enforce certificate errors
Set-PopSettings -Server EX2016B -EnforceCertificateErrors $true -WhatIf

# Restart the services the changes above need on EX2016B:
Invoke-Command -ComputerName 'EX2016B' -ScriptBlock { Restart-Service -Name MSExchangePOP3,MSExchangePOP3BE,MSExchangeIMAP4,MSExchangeIMAP4BE -WhatIf }

# ======================================================================
# Server EXSE01
# ======================================================================

# EXSVC-002 high: IMAP4 services on EXSE01 are frontend Running/Automatic, backend Running/Automatic although params.imap.required is false
Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Stop-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE -WhatIf }
Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Set-Service -Name MSExchangeIMAP4 -StartupType Disabled -WhatIf }
Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Set-Service -Name MSExchangeIMAP4BE -StartupType Disabled -WhatIf }

# EXIMAP-009 medium: IMAP4 on EXSE01 accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
Set-ImapSettings -Server EXSE01 -ExtendedProtectionPolicy Require -WhatIf

# EXIMAP-012 medium: IMAP4 on EXSE01 allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16
Set-ImapSettings -Server EXSE01 -MaxConnectionFromSingleIP 20 -MaxConnections 2000 -MaxConnectionsPerUser 16 -WhatIf

# EXPOP-009 medium: POP3 on EXSE01 accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
Set-PopSettings -Server EXSE01 -ExtendedProtectionPolicy Require -WhatIf

# EXPOP-012 medium: POP3 on EXSE01 allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16
Set-PopSettings -Server EXSE01 -MaxConnectionFromSingleIP 20 -MaxConnections 2000 -MaxConnectionsPerUser 16 -WhatIf

# EXSVC-001 medium: POP3 services on EXSE01 are frontend Stopped/Manual, backend Stopped/Manual although params.pop.required is false
Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Stop-Service -Name MSExchangePOP3,MSExchangePOP3BE -WhatIf }
Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Set-Service -Name MSExchangePOP3 -StartupType Disabled -WhatIf }
Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Set-Service -Name MSExchangePOP3BE -StartupType Disabled -WhatIf }

# EXIMAP-002 low: IMAP4 on EXSE01 listens for clear-text/STARTTLS connections on [::]:143, 0.0.0.0:143
Set-ImapSettings -Server EXSE01 -UnencryptedOrTLSBindings 127.0.0.1:143 -WhatIf

# EXIMAP-014 low: IMAP4 on EXSE01 greets clients with "The Microsoft Exchange IMAP4 service is ready."
Set-ImapSettings -Server EXSE01 -Banner "IMAP4 server ready" -WhatIf

# EXPOP-002 low: POP3 on EXSE01 listens for clear-text/STARTTLS connections on [::]:110, 0.0.0.0:110
Set-PopSettings -Server EXSE01 -UnencryptedOrTLSBindings 127.0.0.1:110 -WhatIf

# EXPOP-014 low: POP3 on EXSE01 greets clients with "The Microsoft Exchange POP3 service is ready."
Set-PopSettings -Server EXSE01 -Banner "POP3 server ready" -WhatIf

# EXIMAP-016 info: IMAP4 on EXSE01 does not enforce certificate errors
Set-ImapSettings -Server EXSE01 -EnforceCertificateErrors $true -WhatIf

# EXPOP-016 info: POP3 on EXSE01 does not enforce certificate errors
Set-PopSettings -Server EXSE01 -EnforceCertificateErrors $true -WhatIf

# Restart the services the changes above need on EXSE01:
Invoke-Command -ComputerName 'EXSE01' -ScriptBlock { Restart-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE,MSExchangePOP3,MSExchangePOP3BE -WhatIf }

# ======================================================================
# Server EXSE02
# ======================================================================

# EXIMAP-010 high: IMAP4 protocol logging is off on EXSE02
Set-ImapSettings -Server EXSE02 -ProtocolLogEnabled $true -WhatIf

# EXSVC-002 high: IMAP4 services on EXSE02 are frontend Running/Automatic, backend Running/Automatic although params.imap.required is false
Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Stop-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE -WhatIf }
Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Set-Service -Name MSExchangeIMAP4 -StartupType Disabled -WhatIf }
Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Set-Service -Name MSExchangeIMAP4BE -StartupType Disabled -WhatIf }

# EXIMAP-009 medium: IMAP4 on EXSE02 accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
Set-ImapSettings -Server EXSE02 -ExtendedProtectionPolicy Require -WhatIf

# EXIMAP-012 medium: IMAP4 on EXSE02 allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16
Set-ImapSettings -Server EXSE02 -MaxConnectionFromSingleIP 20 -MaxConnections 2000 -MaxConnectionsPerUser 16 -WhatIf

# EXPOP-009 medium: POP3 on EXSE02 accepts NTLM/GSSAPI with ExtendedProtectionPolicy None
Set-PopSettings -Server EXSE02 -ExtendedProtectionPolicy Require -WhatIf

# EXPOP-012 medium: POP3 on EXSE02 allows MaxConnectionFromSingleIP 2147483647, MaxConnections 2147483647, MaxConnectionsPerUser 16
Set-PopSettings -Server EXSE02 -MaxConnectionFromSingleIP 20 -MaxConnections 2000 -MaxConnectionsPerUser 16 -WhatIf

# EXSVC-001 medium: POP3 services on EXSE02 are frontend Stopped/Manual, backend Stopped/Manual although params.pop.required is false
Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Stop-Service -Name MSExchangePOP3,MSExchangePOP3BE -WhatIf }
Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Set-Service -Name MSExchangePOP3 -StartupType Disabled -WhatIf }
Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Set-Service -Name MSExchangePOP3BE -StartupType Disabled -WhatIf }

# EXIMAP-002 low: IMAP4 on EXSE02 listens for clear-text/STARTTLS connections on [::]:143, 0.0.0.0:143
Set-ImapSettings -Server EXSE02 -UnencryptedOrTLSBindings 127.0.0.1:143 -WhatIf

# EXIMAP-014 low: IMAP4 on EXSE02 greets clients with "The Microsoft Exchange IMAP4 service is ready."
Set-ImapSettings -Server EXSE02 -Banner "IMAP4 server ready" -WhatIf

# EXPOP-002 low: POP3 on EXSE02 listens for clear-text/STARTTLS connections on [::]:110, 0.0.0.0:110
Set-PopSettings -Server EXSE02 -UnencryptedOrTLSBindings 127.0.0.1:110 -WhatIf

# EXPOP-014 low: POP3 on EXSE02 greets clients with "The Microsoft Exchange POP3 service is ready."
Set-PopSettings -Server EXSE02 -Banner "POP3 server ready" -WhatIf

# EXIMAP-016 info: IMAP4 on EXSE02 does not enforce certificate errors
Set-ImapSettings -Server EXSE02 -EnforceCertificateErrors $true -WhatIf

# EXPOP-016 info: POP3 on EXSE02 does not enforce certificate errors
Set-PopSettings -Server EXSE02 -EnforceCertificateErrors $true -WhatIf

# Restart the services the changes above need on EXSE02:
Invoke-Command -ComputerName 'EXSE02' -ScriptBlock { Restart-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE,MSExchangePOP3,MSExchangePOP3BE -WhatIf }

