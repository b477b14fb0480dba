using BenchmarkDotNet.Running;
using StarRocks.Typed.Benchmarks.Serialization;

if (args is ["quick-rows"])
{
    QuickRowMeasurement.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
