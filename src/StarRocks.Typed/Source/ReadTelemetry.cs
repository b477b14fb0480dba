using Microsoft.Extensions.Logging;

namespace StarRocks.Typed.Source;

/// <summary>Log messages of sources and lookups (never credentials or SQL values).</summary>
internal static partial class ReadTelemetry
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Scan of {Table} failed ({Reason}); retry {Retry} resumes after {Yielded} rows")]
    public static partial void ScanRetry(ILogger logger, string table, string reason, int retry, long yielded);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Lookup in {Table} failed ({Reason}); retry {Retry}")]
    public static partial void LookupRetry(ILogger logger, string table, string reason, int retry);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Lookup in {Table}: {Keys} keys in one query")]
    public static partial void LookupQuery(ILogger logger, string table, int keys);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Preloading {Table} failed ({Reason}); the previous rows stay in use")]
    public static partial void PreloadFailed(ILogger logger, string table, string reason);
}
