using BenchmarkDotNet.Running;
using StarRocks.Typed.Benchmarks.Loading;
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
    case ["quick-compression", ..]:
        await QuickCompressionMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        break;
}
