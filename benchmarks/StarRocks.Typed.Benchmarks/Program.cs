using BenchmarkDotNet.Running;
using StarRocks.Typed.Benchmarks.Serialization;
using StarRocks.Typed.Benchmarks.Sink;

switch (args)
{
    case ["quick-rows"]:
        QuickRowMeasurement.Run();
        break;
    case ["quick-sink", ..]:
        await QuickSinkMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        break;
}
