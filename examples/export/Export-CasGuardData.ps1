<#
.SYNOPSIS
    Exports the Exchange client-access settings that casguard audits, one JSON file per cmdlet.

.DESCRIPTION
    Run in the Exchange Management Shell (Windows PowerShell 5.1) on an Exchange server, or in
    PowerShell 7 with a remote session to Exchange imported. For every Exchange server that runs
    the client protocols it exports:

      PopSettings.json        Get-PopSettings -Server <each server>
      ImapSettings.json       Get-ImapSettings -Server <each server>
      CASMailbox.json         Get-CASMailbox -ResultSize Unlimited (streamed, any size)
      ClientAccessRule.json   Get-ClientAccessRule (Exchange 2019 and later; [] where none)
      ExchangeServer.json     Get-ExchangeServer
      Service.json            MSExchangePOP3/POP3BE/IMAP4/IMAP4BE on each server (Invoke-Command)
      manifest.json           export time, organisation, Exchange builds, who ran it

    Every file is UTF-8 without a byte-order mark, every list is written as a JSON array (even
    with zero or one object), and -Depth is high enough that no setting is cut off.

.PARAMETER OutputDirectory
    Folder to write to (created if missing). Default: .\casguard-export-<yyyyMMdd-HHmm>.

.PARAMETER Server
    Servers to export POP/IMAP settings and services from. Default: every Mailbox server.

.PARAMETER Depth
    ConvertTo-Json depth. 5 keeps every property of these objects; lower values truncate lists.

.PARAMETER SkipServices
    Do not query services (when WinRM to the servers is not allowed).

.EXAMPLE
    .\Export-CasGuardData.ps1 -OutputDirectory D:\audit\2026-11
    casguard scan D:\audit\2026-11 -o report
#>
[CmdletBinding()]
param(
    [string] $OutputDirectory = (Join-Path (Get-Location) ("casguard-export-{0:yyyyMMdd-HHmm}" -f (Get-Date))),
    [string[]] $Server,
    [ValidateRange(3, 100)]
    [int] $Depth = 5,
    [switch] $SkipServices
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

foreach ($cmdlet in 'Get-PopSettings', 'Get-ImapSettings', 'Get-CASMailbox', 'Get-ExchangeServer') {
    if (-not (Get-Command $cmdlet -ErrorAction SilentlyContinue)) {
        throw "$cmdlet is not available: run this script in the Exchange Management Shell or import an Exchange session first."
    }
}

New-Item -ItemType Directory -Path $OutputDirectory -Force | Out-Null
$OutputDirectory = (Resolve-Path $OutputDirectory).Path
# UTF-8 without BOM on Windows PowerShell 5.1 and PowerShell 7 alike (Out-File differs between them).
$utf8 = New-Object System.Text.UTF8Encoding($false)
$written = [ordered]@{}

function Write-JsonFile {
    param([string] $Name, [object[]] $Objects)
    $path = Join-Path $OutputDirectory $Name
    # -InputObject @(...) writes [] for nothing and [ {...} ] for one object, so the kind is never ambiguous.
    $json = ConvertTo-Json -InputObject @($Objects) -Depth $Depth
    [System.IO.File]::WriteAllText($path, $json, $utf8)
    $written[$Name] = @($Objects).Count
    Write-Verbose ("{0}: {1} objects" -f $Name, @($Objects).Count)
}

function Write-JsonArrayStream {
    # Streams objects to a JSON array one at a time, so a million mailboxes never sit in memory at once.
    param([string] $Name, [scriptblock] $Source)
    $path = Join-Path $OutputDirectory $Name
    $writer = New-Object System.IO.StreamWriter($path, $false, $utf8)
    $count = 0
    try {
        $writer.Write('[')
        & $Source | ForEach-Object {
            if ($count -gt 0) { $writer.Write(',') }
            $writer.WriteLine()
            $writer.Write((ConvertTo-Json -InputObject $_ -Depth $Depth))
            $count++
            if ($count % 5000 -eq 0) { Write-Progress -Activity $Name -Status "$count objects" }
        }
        $writer.WriteLine()
        $writer.Write(']')
    }
    finally {
        $writer.Dispose()
        Write-Progress -Activity $Name -Completed
    }
    $written[$Name] = $count
}

$exchangeServers = @(Get-ExchangeServer)
Write-JsonFile -Name 'ExchangeServer.json' -Objects $exchangeServers

if (-not $Server) {
    $Server = @($exchangeServers | Where-Object { $_.IsMailboxServer -or $_.IsClientAccessServer } | ForEach-Object { $_.Name })
}

Write-JsonFile -Name 'PopSettings.json' -Objects @($Server | ForEach-Object { Get-PopSettings -Server $_ })
Write-JsonFile -Name 'ImapSettings.json' -Objects @($Server | ForEach-Object { Get-ImapSettings -Server $_ })

# Without -ResultSize Unlimited, Get-CASMailbox stops at 1000 mailboxes.
Write-JsonArrayStream -Name 'CASMailbox.json' -Source { Get-CASMailbox -ResultSize Unlimited }

if (Get-Command Get-ClientAccessRule -ErrorAction SilentlyContinue) {
    Write-JsonFile -Name 'ClientAccessRule.json' -Objects @(Get-ClientAccessRule)
}
else {
    # Exchange 2016 and older have no client access rules: an empty list says "none", not "not exported".
    Write-JsonFile -Name 'ClientAccessRule.json' -Objects @()
}

if (-not $SkipServices) {
    $serviceNames = 'MSExchangePOP3', 'MSExchangePOP3BE', 'MSExchangeIMAP4', 'MSExchangeIMAP4BE'
    $fqdns = @($exchangeServers | Where-Object { $Server -contains $_.Name } | ForEach-Object { $_.Fqdn })
    # Invoke-Command adds PSComputerName, so every service row names its server.
    $services = @(Invoke-Command -ComputerName $fqdns -ScriptBlock {
            param($names)
            Get-Service -Name $names -ErrorAction SilentlyContinue |
                Select-Object Name, DisplayName, Status, StartType, ServiceType
        } -ArgumentList (, $serviceNames))
    Write-JsonFile -Name 'Service.json' -Objects $services
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
    depth            = $Depth
    servers          = @($exchangeServers | ForEach-Object { [ordered]@{ name = $_.Name; version = [string]$_.AdminDisplayVersion } })
    files            = $written
}
[System.IO.File]::WriteAllText((Join-Path $OutputDirectory 'manifest.json'), (ConvertTo-Json -InputObject $manifest -Depth 4), $utf8)

Write-Host "casguard export written to $OutputDirectory"
$written.GetEnumerator() | ForEach-Object { Write-Host ("  {0,-24} {1,8} objects" -f $_.Key, $_.Value) }
