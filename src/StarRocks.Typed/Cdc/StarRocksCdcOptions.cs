using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using StarRocks.Typed.Configuration;

namespace StarRocks.Typed.Cdc;

/// <summary>
/// The CDC sink's own options, spelled as StarRocks's Flink CDC pipeline sink spells them (Flink CDC,
/// <c>StarRocksDataSinkOptions</c>); its loads use the sink options of <c>AddStarRocks</c> (every <c>sink.*</c> option).
/// Bindable from configuration (<see cref="Apply(IConfiguration)"/>); checked with <see cref="GetFailures"/>.
/// </summary>
public sealed partial class StarRocksCdcOptions
{
    /// <summary>Largest <c>unicode-char.max-bytes</c>: UTF-8 takes at most 4 bytes per character.</summary>
    public const int MaxUnicodeCharBytes = 4;

    private const string PropertyPrefix = "table.create.properties.";

    /// <summary><c>table.create.num-buckets</c>: BUCKETS of created tables, 1 or more; null (default) lets StarRocks choose (2.5.7 and later).</summary>
    public int? TableCreateNumBuckets { get; set; }

    /// <summary><c>table.create.properties.*</c>: PROPERTIES of created tables, e.g. <c>replication_num</c>, <c>fast_schema_evolution</c>.</summary>
    public IDictionary<string, string> TableCreateProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>table.schema-change.timeout</c> (whole seconds, 1 or more): how long a schema change may take (default 30 min).</summary>
    public TimeSpan SchemaChangeTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// <c>unicode-char.max-bytes</c>: bytes per source character when CHAR/VARCHAR lengths (characters) become StarRocks
    /// lengths (bytes), 1–4 (default 3; 4 for MySQL's utf8mb4 text outside the Basic Multilingual Plane).
    /// </summary>
    public int UnicodeCharMaxBytes { get; set; } = 3;

    /// <summary>
    /// <c>tables</c>: the source tables copied, a comma-separated list of <c>database.table</c> patterns (regular
    /// expressions; <c>\.</c> is the any-character dot, e.g. <c>shop.\.*, crm.user_[0-9]+</c>); null copies every table.
    /// </summary>
    public string? Tables { get; set; }

    /// <summary><c>tables.exclude</c>: source tables not copied, patterns as <see cref="Tables"/>.</summary>
    public string? TablesExclude { get; set; }

    /// <summary><c>route</c>: where source tables go (the first matching rule); a table no rule matches keeps its database and table names.</summary>
    public IList<StarRocksCdcRoute> Routes { get; } = new List<StarRocksCdcRoute>();

    /// <summary>Sets the options <paramref name="section"/> names (connector spellings); other keys are ignored.</summary>
    /// <param name="section">E.g. <c>configuration.GetSection("StarRocks")</c>.</param>
    /// <returns>These options.</returns>
    /// <exception cref="FormatException">A value has the wrong type; the message names the option.</exception>
    public StarRocksCdcOptions Apply(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Apply(ConnectorOptions.Pairs(section));
    }

    /// <summary>Sets the options <paramref name="connectorOptions"/> names (any case); other keys are ignored.</summary>
    /// <param name="connectorOptions">Option names and values.</param>
    /// <returns>These options.</returns>
    /// <exception cref="FormatException">A value has the wrong type; the message names the option.</exception>
    public StarRocksCdcOptions Apply(IEnumerable<KeyValuePair<string, string>> connectorOptions)
    {
        ArgumentNullException.ThrowIfNull(connectorOptions);
        var pairs = connectorOptions.ToList();
        ConnectorOptions.Apply(this, Options, pairs);
        foreach (var (rawName, value) in pairs)
        {
            var name = rawName.Trim();
            if (IsTableProperty(name))
            {
                TableCreateProperties[name[PropertyPrefix.Length..]] = value;
            }
            else if (RouteKey().Match(name) is { Success: true } route)
            {
                var index = int.Parse(route.Groups[1].Value, CultureInfo.InvariantCulture);
                while (Routes.Count <= index)
                {
                    Routes.Add(new StarRocksCdcRoute());
                }

                _ = route.Groups[2].Value.ToLowerInvariant() switch
                {
                    "source-table" => Routes[index].SourceTable = value,
                    "sink-table" => Routes[index].SinkTable = value,
                    "replace-symbol" => Routes[index].ReplaceSymbol = value,
                    _ => Routes[index].Description = value,
                };
            }
        }

        return this;
    }

    /// <summary>What is wrong with the options, each message naming the option as users spell it (empty when valid).</summary>
    /// <returns>The failures.</returns>
    public IReadOnlyList<string> GetFailures()
    {
        var failures = new List<string>();
        ConnectorOptions.Check(this, Options, failures);
        if (SchemaChangeTimeout.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            failures.Add($"table.schema-change.timeout must be whole seconds (was {SchemaChangeTimeout}).");
        }

        foreach (var (name, patterns) in new[] { ("tables", Tables), ("tables.exclude", TablesExclude) })
        {
            if (patterns is not null && CdcTableRouter.Check(patterns) is { } error)
            {
                failures.Add($"{name}: {error}");
            }
        }

        for (var i = 0; i < Routes.Count; i++)
        {
            var route = Routes[i];
            if (string.IsNullOrWhiteSpace(route.SourceTable) || string.IsNullOrWhiteSpace(route.SinkTable))
            {
                failures.Add($"route:{i} needs source-table and sink-table.");
            }
            else if (CdcTableRouter.Check(route.SourceTable) is { } error)
            {
                failures.Add($"route:{i}:source-table: {error}");
            }

            if (route.ReplaceSymbol is { Length: 0 })
            {
                failures.Add($"route:{i}:replace-symbol must not be empty.");
            }
        }

        return failures;
    }

    /// <summary>Whether <paramref name="name"/> is a <c>table.create.properties.*</c> key.</summary>
    internal static bool IsTableProperty(string name) =>
        name.StartsWith(PropertyPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > PropertyPrefix.Length;

    /// <summary>Whether <paramref name="name"/> is a key of a <c>route</c> rule (<c>route.0.source-table</c>).</summary>
    internal static bool IsRouteKey(string name) => RouteKey().IsMatch(name);

    [GeneratedRegex(@"^route\.(\d+)\.(source-table|sink-table|replace-symbol|description)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RouteKey();

    /// <summary>The options (<c>table.create.properties.*</c> and <c>route</c> aside): name, parser and range of each.</summary>
    internal static IReadOnlyList<ConnectorOption<StarRocksCdcOptions>> Options { get; } =
    [
        ConnectorOption<StarRocksCdcOptions>.Int32("table.create.num-buckets", o => o.TableCreateNumBuckets ?? 1, (o, v) => o.TableCreateNumBuckets = v, 1),
        ConnectorOption<StarRocksCdcOptions>.Int64("table.schema-change.timeout", o => (long)Math.Ceiling(o.SchemaChangeTimeout.TotalSeconds),
            (o, v) => o.SchemaChangeTimeout = TimeSpan.FromSeconds(Math.Clamp(v, -1, int.MaxValue)), 1),
        ConnectorOption<StarRocksCdcOptions>.Int32("unicode-char.max-bytes", o => o.UnicodeCharMaxBytes, (o, v) => o.UnicodeCharMaxBytes = v, 1, MaxUnicodeCharBytes),
        ConnectorOption<StarRocksCdcOptions>.Text("tables", (o, v) => o.Tables = v),
        ConnectorOption<StarRocksCdcOptions>.Text("tables.exclude", (o, v) => o.TablesExclude = v),
    ];
}
