using SmartGrid.Client;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Samples.QuickStart;

// Start a silo first:  dotnet run --project src/SmartGrid.Cli -c Release -- run --keep-running
// then:                dotnet run --project samples/QuickStart -- data
var data = args.Length > 0 ? args[0] : "data";
await using var client = await SmartGridClient.ConnectAsync();
var root = KeyFile.ReadPrivateKey(Path.Combine(data, "root.key"));
var report = await MeterQuickStart.RunAsync(client, root, "MTR-quickstart.key", Console.Out);
return report.IsValid ? 0 : 1;
