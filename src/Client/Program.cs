using System.CommandLine;
using MedChain.Client.Cli;

var root = new RootCommand("medchain: the MedChain client. Private keys stay in this process and in keystores on this device.")
{
    CliOptions.Api,
    CliOptions.PassphraseFile,
    KeyCommands.Create(),
    AdminCommands.Login(),
    AdminCommands.System(),
    AdminCommands.Revoke(),
    HospitalCommands.Create(),
    RecordCommands.Record(),
    RecordCommands.History(),
    PatientCommands.Consent(),
    PatientCommands.Search(),
    PatientCommands.Match(),
    LedgerCommands.Ledger(),
    LedgerCommands.Receipt(),
    WitnessCommands.Create(),
    DemoCommand.Create(),
};
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is MedChain.Client.Sdk.MedChainApiException or HttpRequestException or InvalidOperationException
    or FormatException or IOException or System.Security.Cryptography.CryptographicException or MedChain.Crypto.Encoding.EncodingException)
{
    Console.Error.WriteLine($"medchain: {e.Message}");
    return 1;
}
