using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Configuration;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>Fails the start for a key of the section that names no option (a misspelled option would otherwise be ignored).</summary>
internal sealed class SectionKeysValidator(IConfiguration section) : IValidateOptions<StarRocksOptions>
{
    private static readonly HashSet<string> Known =
    [
        .. StarRocksOptions.Options.Select(o => o.Name),
        .. StarRocksConnectionOptions.Options.Select(o => o.Name),
        .. StarRocksReadOptions.Options.Select(o => o.Name),
        .. StarRocksCdcOptions.Options.Select(o => o.Name),
    ];

    public ValidateOptionsResult Validate(string? name, StarRocksOptions options) => OptionsFailures.ToResult(
        ConnectorOptions.Pairs(section)
            .Select(p => p.Key.Trim().ToLowerInvariant())
            .Where(key => !Known.Contains(key) && InapplicableOptions.ReasonFor(key) is null
                && !(key.StartsWith("sink.properties.", StringComparison.Ordinal) && key.Length > "sink.properties.".Length)
                && !StarRocksCdcOptions.IsTableProperty(key) && !StarRocksCdcOptions.IsRouteKey(key))
            .Select(key => $"{key} is not a StarRocks option; keys are spelled as StarRocks's connectors spell them (e.g. sink.buffer-flush.max-bytes, lookup.cache.ttl-ms).")
            .ToList());
}

/// <summary>Names, when the host starts, each connector option of the section that has no effect here, with the reason.</summary>
internal sealed partial class InapplicableOptionsWarning(IConfiguration section, ILoggerFactory? loggers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var logger = loggers?.CreateLogger("StarRocks.Typed.Configuration") ?? NullLogger.Instance;
        foreach (var (key, _) in ConnectorOptions.Pairs(section))
        {
            var name = key.Trim().ToLowerInvariant();
            if (InapplicableOptions.ReasonFor(name) is { } reason)
            {
                OptionHasNoEffect(logger, name, reason);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Option {Option} has no effect here: {Reason}")]
    private static partial void OptionHasNoEffect(ILogger logger, string option, string reason);
}
