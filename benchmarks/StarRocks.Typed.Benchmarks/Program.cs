using BenchmarkDotNet.Running;
using StarRocks.Typed.Benchmarks.Cdc;
using StarRocks.Typed.Benchmarks.Loading;
using StarRocks.Typed.Benchmarks.Serialization;
using StarRocks.Typed.Benchmarks.Sink;
using StarRocks.Typed.Benchmarks.Sync;

switch (args)
{
    case ["quick-rows"]:
        QuickRowMeasurement.Run();
        break;
    case ["quick-sink", ..]:
        await QuickSinkMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
        break;
    case ["quick-cdc", ..]:
        await CdcThroughputMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
        break;
    case ["merge-commit", ..]:
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        await MergeCommitMeasurement.RunAsync(writers: Arg(1, 16), batches: Arg(2, 20), rowsPerBatch: Arg(3, 100), intervalMs: Arg(4, 200));
        break;
    case ["quick-compression", ..]:
        await QuickCompressionMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
        break;
    case ["quick-sync", ..]:
        await QuickSyncMeasurement.RunAsync(
            rows: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
            runs: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
        break;
    case ["debezium-decode", ..]:
        await DebeziumDecodeMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
        break;
}
