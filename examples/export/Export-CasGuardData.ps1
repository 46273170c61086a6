<#
.SYNOPSIS
    Exports the Exchange client-access settings that casguard audits, one file per cmdlet.

.DESCRIPTION
    Runs on Windows, in the Exchange Management Shell (Windows PowerShell 5.1, or 4.0 on Windows
    Server 2012 R2) on an Exchange server, or in PowerShell 7 with a remote Exchange session imported
    (Import-PSSession). casguard itself runs anywhere; only this export needs Exchange.

    For every Exchange server that runs the client protocols it exports:

      PopSettings          Get-PopSettings -Server <each server>
      ImapSettings         Get-ImapSettings -Server <each server>
      CASMailbox           Get-CASMailbox -ResultSize Unlimited, then -Monitoring (health mailboxes)
      ClientAccessRule     Get-ClientAccessRule (left out when the shell has no such cmdlet)
      ExchangeServer       Get-ExchangeServer
      Service              MSExchangePOP3/POP3BE/IMAP4/IMAP4BE on each server, from Win32_Service
      manifest.json        export time, organisation, Exchange builds, who ran it, what was not exported

    -Format Json (the default) writes <Kind>.json: UTF-8 without a byte-order mark, every list a JSON
    array (even with zero or one object), -Depth high enough that no setting is cut off.
    -Format Clixml writes <Kind>.xml with Export-Clixml: full depth and types, nothing to cut off.

    A server that cannot be reached is recorded in the manifest and the export goes on with the others.

.PARAMETER OutputDirectory
    Folder to write to (created if missing). Default: .\casguard-export-<yyyyMMdd-HHmm>.

.PARAMETER Server
    Servers to export POP/IMAP settings and services from, by name or FQDN. Default: every Mailbox
    or Client Access server.

.PARAMETER Format
    Json (ConvertTo-Json) or Clixml (Export-Clixml). casguard reads both.

.PARAMETER Depth
    ConvertTo-Json depth (Json only). 5 keeps every property of these objects; lower values cut lists off.

.PARAMETER SkipServices
    Do not query services (when remote WMI/CIM to the servers is not allowed).

.EXAMPLE
    .\Export-CasGuardData.ps1 -OutputDirectory D:\audit\2026-11
    casguard scan D:\audit\2026-11 -o report

.EXAMPLE
    .\Export-CasGuardData.ps1 -Format Clixml -Server ex01.contoso.com, EX02
#>
[CmdletBinding()]
param(
    [string] $OutputDirectory = (Join-Path (Get-Location) ("casguard-export-{0:yyyyMMdd-HHmm}" -f (Get-Date))),
    [string[]] $Server,
    [ValidateSet('Json', 'Clixml')]
    [string] $Format = 'Json',
    [ValidateRange(3, 100)]
    [int] $Depth = 5,
    [switch] $SkipServices
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

foreach ($cmdlet in 'Get-PopSettings', 'Get-ImapSettings', 'Get-CASMailbox', 'Get-ExchangeServer') {
    if (-not (Get-Command $cmdlet -ErrorAction SilentlyContinue)) {
        throw "$cmdlet is not available: run this script on Windows in the Exchange Management Shell, or import an Exchange session first."
    }
}

New-Item -ItemType Directory -Path $OutputDirectory -Force | Out-Null
$OutputDirectory = (Resolve-Path $OutputDirectory).Path
# UTF-8 without BOM on Windows PowerShell 5.1 and PowerShell 7 alike (Out-File differs between them).
$utf8 = New-Object System.Text.UTF8Encoding($false)
$extension = if ($Format -eq 'Clixml') { 'xml' } else { 'json' }
$written = [ordered]@{}
$notExported = [ordered]@{}
$unreachable = [ordered]@{}

function Write-ExportFile {
    param([string] $Kind, [object[]] $Objects)
    $name = "$Kind.$extension"
    $path = Join-Path $OutputDirectory $name
    if ($Format -eq 'Clixml') {
        # Export-Clixml of nothing writes an empty <Objs/>: casguard reads it as "no objects" by its name.
        Export-Clixml -InputObject @($Objects) -Path $path -Encoding UTF8
    }
    else {
        # -InputObject @(...) writes [] for nothing and [ {...} ] for one object, so the kind is never ambiguous.
        $json = ConvertTo-Json -InputObject @($Objects) -Depth $Depth
        [System.IO.File]::WriteAllText($path, $json, $utf8)
    }
    $written[$name] = @($Objects).Count
    Write-Verbose ("{0}: {1} objects" -f $name, @($Objects).Count)
}

function Write-StreamedExport {
    # Streams objects one at a time, so a million mailboxes never sit in memory at once.
    param([string] $Kind, [scriptblock[]] $Sources)
    $name = "$Kind.$extension"
    $path = Join-Path $OutputDirectory $name
    $count = 0
    if ($Format -eq 'Clixml') {
        # Export-Clixml writes each object as it arrives from the pipeline.
        & { foreach ($source in $Sources) { & $source } } | ForEach-Object {
            $count++
            if ($count % 5000 -eq 0) { Write-Progress -Activity $name -Status "$count objects" }
            $_
        } | Export-Clixml -Path $path -Encoding UTF8
    }
    else {
        $writer = New-Object System.IO.StreamWriter($path, $false, $utf8)
        try {
            $writer.Write('[')
            foreach ($source in $Sources) {
                & $source | ForEach-Object {
                    if ($count -gt 0) { $writer.Write(',') }
                    $writer.WriteLine()
                    $writer.Write((ConvertTo-Json -InputObject $_ -Depth $Depth))
                    $count++
                    if ($count % 5000 -eq 0) { Write-Progress -Activity $name -Status "$count objects" }
                }
            }
            $writer.WriteLine()
            $writer.Write(']')
        }
        finally {
            $writer.Dispose()
        }
    }
    Write-Progress -Activity $name -Completed
    $written[$name] = $count
}

$exchangeServers = @(Get-ExchangeServer)
Write-ExportFile -Kind 'ExchangeServer' -Objects $exchangeServers

# -Server takes names or FQDNs; each becomes the Exchange server it names.
$targets = @()
if ($Server) {
    foreach ($s in $Server) {
        $match = @($exchangeServers | Where-Object { $_.Name -eq $s -or [string]$_.Fqdn -eq $s -or $_.Name -eq ($s -split '\.')[0] })
        if ($match.Count -eq 0) { $unreachable[$s] = 'not an Exchange server in this organisation' }
        else { $targets += $match[0] }
    }
}
else {
    $targets = @($exchangeServers | Where-Object { $_.IsMailboxServer -or $_.IsClientAccessServer })
}

function Get-FromEachServer {
    param([string] $Cmdlet)
    foreach ($t in $targets) {
        if ($unreachable.Contains($t.Name)) { continue }
        try { & $Cmdlet -Server $t.Name -ErrorAction Stop }
        catch { $unreachable[$t.Name] = "${Cmdlet}: $($_.Exception.Message)"; Write-Warning "$($t.Name): $Cmdlet failed: $($_.Exception.Message)" }
    }
}

Write-ExportFile -Kind 'PopSettings' -Objects @(Get-FromEachServer 'Get-PopSettings')
Write-ExportFile -Kind 'ImapSettings' -Objects @(Get-FromEachServer 'Get-ImapSettings')

# Without -ResultSize Unlimited, Get-CASMailbox stops at 1000 mailboxes; -Monitoring adds the health
# mailboxes, which Get-CASMailbox leaves out by default.
Write-StreamedExport -Kind 'CASMailbox' -Sources @({ Get-CASMailbox -ResultSize Unlimited }, { Get-CASMailbox -Monitoring -ResultSize Unlimited })

if (Get-Command Get-ClientAccessRule -ErrorAction SilentlyContinue) {
    Write-ExportFile -Kind 'ClientAccessRule' -Objects @(Get-ClientAccessRule)
}
else {
    # An empty file would say "no rules"; this shell simply cannot tell (e.g. an Exchange 2016 shell).
    $notExported['ClientAccessRule'] = 'Get-ClientAccessRule is not available in this shell'
}

if (-not $SkipServices) {
    $filter = "Name='MSExchangePOP3' OR Name='MSExchangePOP3BE' OR Name='MSExchangeIMAP4' OR Name='MSExchangeIMAP4BE'"
    $services = @(foreach ($t in $targets) {
            if ($unreachable.Contains($t.Name)) { continue }
            try {
                # Win32_Service has StartMode on every Windows; Get-Service has StartType only from PowerShell 5.
                Get-CimInstance -ClassName Win32_Service -ComputerName ([string]$t.Fqdn) -Filter $filter -ErrorAction Stop |
                    Select-Object Name, DisplayName, State, StartMode, SystemName, PSComputerName
            }
            catch {
                $unreachable[$t.Name] = "services: $($_.Exception.Message)"
                Write-Warning "$($t.Name): services not read: $($_.Exception.Message)"
            }
        })
    Write-ExportFile -Kind 'Service' -Objects $services
}
else {
    $notExported['Service'] = 'skipped with -SkipServices'
}

$organization = $null
try { $organization = (Get-OrganizationConfig).Name } catch { Write-Warning "Get-OrganizationConfig failed: $_" }

$manifest = [ordered]@{
    casguardManifest = 1
    exportedAt       = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
    organization     = $organization
    exportedBy       = [System.Security.Principal.WindowsIdentity]::GetCurrent().Name
    host             = $env:COMPUTERNAME
    powershell       = $PSVersionTable.PSVersion.ToString()
    format           = $Format
    depth            = $Depth
    servers          = @($exchangeServers | ForEach-Object { [ordered]@{ name = $_.Name; version = [string]$_.AdminDisplayVersion } })
    files            = $written
    notExported      = $notExported
    unreachable      = $unreachable
}
[System.IO.File]::WriteAllText((Join-Path $OutputDirectory 'manifest.json'), (ConvertTo-Json -InputObject $manifest -Depth 4), $utf8)

Write-Host "casguard export written to $OutputDirectory"
$written.GetEnumerator() | ForEach-Object { Write-Host ("  {0,-24} {1,8} objects" -f $_.Key, $_.Value) }
$notExported.GetEnumerator() | ForEach-Object { Write-Host ("  {0,-24} not exported: {1}" -f $_.Key, $_.Value) }
$unreachable.GetEnumerator() | ForEach-Object { Write-Warning ("{0}: {1}" -f $_.Key, $_.Value) }
