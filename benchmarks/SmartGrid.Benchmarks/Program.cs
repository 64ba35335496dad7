using BenchmarkDotNet.Running;
using SmartGrid.Benchmarks.Scenarios;

// Micro-benchmarks run through BenchmarkDotNet; scenario benchmarks (a real silo) are named
// commands: `ingest`, `idle-activations`, `poef-soak`, `poef-throughput` and `poef-grains`. See benchmarks/README.md.
return args.FirstOrDefault() switch
{
    "ingest" => await IngestScenario.RunAsync(args[1..]),
    "idle-activations" => await IdleActivationScenario.RunAsync(args[1..]),
    "poef-soak" or "poef-throughput" => PoefScenario.Run(args[0], args[1..]),
    "poef-grains" => await PoefGrainsScenario.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(IngestScenario).Assembly).Run(args);
    return 0;
}
