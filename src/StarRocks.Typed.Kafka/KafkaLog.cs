using Microsoft.Extensions.Logging;

namespace StarRocks.Typed.Cdc.Kafka;

/// <summary>The Kafka consumer loop's log messages (event ids 4101-4199).</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Consuming {Topics} as group {Group}; resuming from {Resume}")]
    public static partial void Started(ILogger logger, string topics, string group, string resume);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Checkpoint of {Messages} message(s) loaded; committed {Offsets}")]
    public static partial void Committed(ILogger logger, int messages, string offsets);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "The consumer loop failed ({Failure} in a row, restarting at most {MaxRestarts}); restarting from the last committed offsets in {Delay}")]
    public static partial void Restarting(ILogger logger, int failure, int maxRestarts, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "The consumer loop failed {Failures} time(s) in a row; giving up")]
    public static partial void GivingUp(ILogger logger, int failures, Exception exception);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Stopped: the last messages are loaded and committed ({Offsets})")]
    public static partial void Stopped(ILogger logger, string offsets);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Learned {Records} schema-change record(s) applied before the resume offsets {Offsets}")]
    public static partial void Learned(ILogger logger, int records, string offsets);
}
