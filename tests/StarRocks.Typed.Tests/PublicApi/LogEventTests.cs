using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Cdc.Kafka;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.Tests.PublicApi;

/// <summary>docs/logging.md lists every log event of the shipped assemblies, with its id, level and message, and no other.</summary>
public class LogEventTests
{
    [Fact]
    public void Every_log_event_is_documented_with_its_id_level_and_message()
    {
        var inCode = new[] { typeof(IStarRocksSink<>).Assembly, typeof(KafkaChangeStreamConsumer).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => method.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(attribute => (Id: attribute.EventId, Level: attribute.Level.ToString(), Message: attribute.Message))
            .OrderBy(e => e.Id)
            .ToList();
        var documented = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "logging.md"))
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && char.IsAsciiDigit(line[2]))
            .Select(line => line.Trim('|', ' ').Split(" | "))
            .Select(cells => (Id: int.Parse(cells[0], CultureInfo.InvariantCulture), Level: cells[1], Message: cells[3].Trim('`')))
            .OrderBy(e => e.Id)
            .ToList();

        Assert.True(inCode.Count > 30, $"found {inCode.Count} log events");
        Assert.Equal(inCode.Count, inCode.DistinctBy(e => e.Id).Count()); // an id names one event
        Assert.Equal(inCode, documented);
    }

    private static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));
}
