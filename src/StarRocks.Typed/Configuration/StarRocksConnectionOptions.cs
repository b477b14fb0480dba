using System.Globalization;

namespace StarRocks.Typed.Configuration;

/// <summary>
/// How to reach StarRocks's Stream Load endpoints. Property names mirror the connector options users know
/// (<c>load-url</c>, <c>username</c>, <c>password</c>, <c>sink.label-prefix</c>, <c>sink.max-retries</c>, …); validate with
/// <see cref="StarRocksConnectionOptionsValidator"/>.
/// </summary>
public sealed class StarRocksConnectionOptions
{
    /// <summary>The default Stream Load <c>timeout</c> header (seconds) when <see cref="Properties"/> sets none.</summary>
    public const int DefaultLoadTimeoutSeconds = 600;

    /// <summary>
    /// <c>load-url</c>: FE HTTP endpoints separated by <c>;</c> (or <c>,</c>), e.g. <c>fe1:8030;fe2:8030</c>; an
    /// <c>http://</c>/<c>https://</c> prefix is allowed. Loads rotate over them and skip unreachable ones.
    /// </summary>
    public string LoadUrls { get; set; } = "";

    /// <summary><c>username</c>: the StarRocks user (needs INSERT on the target tables).</summary>
    public string Username { get; set; } = "";

    /// <summary><c>password</c>: the user's password (may be empty). Never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary><c>sink.label-prefix</c>: prefix of generated labels, characters <c>[-_A-Za-z0-9]</c>.</summary>
    public string? LabelPrefix { get; set; }

    /// <summary><c>sink.max-retries</c>: retries of a failed load with the same label, 0–10 (default 3).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary><c>sink.retry.interval-ms</c>: base delay of the exponential, jittered retry backoff (default 1 s).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>sink.connect.timeout-ms</c>: TCP connect timeout, 100–60000 ms (default 1000 ms).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMilliseconds(1000);

    /// <summary><c>sink.wait-for-continue.timeout-ms</c>: how long to wait for <c>100 Continue</c>, 3000–600000 ms (default 30000 ms).</summary>
    public TimeSpan WaitForContinueTimeout { get; set; } = TimeSpan.FromMilliseconds(30000);

    /// <summary>
    /// <c>sink.socket.timeout-ms</c>: the longest one HTTP call (a load with its redirects, one label-state probe, one transaction call) may take before it is abandoned
    /// and retried (polling an existing label is bounded by the load timeout instead); <see langword="null"/> (the connector's -1) means the load <c>timeout</c> plus 60 s.
    /// </summary>
    public TimeSpan? SocketTimeout { get; set; }

    /// <summary>How long a pooled connection lives before it is replaced, so DNS changes are seen (default 5 minutes).</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>sink.properties.*</c>: extra Stream Load headers (e.g. <c>timeout</c>, <c>max_filter_ratio</c>), keys lower-cased when sent.</summary>
    public IDictionary<string, string> Properties { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The parsed <see cref="LoadUrls"/>; throws <see cref="FormatException"/> naming <c>load-url</c> when malformed.</summary>
    /// <returns>One absolute http(s) URI per FE, in configured order.</returns>
    public IReadOnlyList<Uri> GetLoadEndpoints() => ParseLoadUrls(LoadUrls);

    /// <summary>The Stream Load <c>timeout</c> (from <c>sink.properties.timeout</c>, else 600 s).</summary>
    /// <returns>The server-side load timeout.</returns>
    public TimeSpan GetLoadTimeout() =>
        Properties.TryGetValue("timeout", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(DefaultLoadTimeoutSeconds);

    /// <summary>
    /// Merge Commit, when <c>sink.properties.enable_merge_commit</c> is true (see <see cref="MergeCommitProperties"/>);
    /// <see langword="null"/> when it is not enabled or its properties are malformed (the validator names them).
    /// </summary>
    /// <returns>The Merge Commit properties, defaults applied.</returns>
    public MergeCommitProperties? GetMergeCommit() => MergeCommitProperties.Read(Properties, []);

    /// <summary>
    /// Applies options spelled as users know them from the StarRocks connectors: <c>load-url</c>, <c>username</c>,
    /// <c>password</c>, <c>sink.label-prefix</c>, <c>sink.max-retries</c>, <c>sink.retry.interval-ms</c>,
    /// <c>sink.connect.timeout-ms</c>, <c>sink.wait-for-continue.timeout-ms</c>, <c>sink.socket.timeout-ms</c> and
    /// <c>sink.properties.*</c>. Other keys (for
    /// other layers, e.g. <c>sink.buffer-flush.*</c>) are ignored. Validate afterwards.
    /// </summary>
    /// <param name="connectorOptions">Option names (any case) and values.</param>
    /// <returns>This instance.</returns>
    /// <exception cref="FormatException">A numeric option is not an integer; the message names the option.</exception>
    public StarRocksConnectionOptions ApplyConnectorOptions(IEnumerable<KeyValuePair<string, string>> connectorOptions)
    {
        ArgumentNullException.ThrowIfNull(connectorOptions);
        const string propertyPrefix = "sink.properties.";
        var pairs = connectorOptions.ToList();
        ConnectorOptions.Apply(this, Options, pairs);
        foreach (var (rawName, value) in pairs)
        {
            var name = rawName.Trim().ToLowerInvariant();
            if (name.StartsWith(propertyPrefix, StringComparison.Ordinal) && name.Length > propertyPrefix.Length)
            {
                Properties[name[propertyPrefix.Length..]] = value;
            }
        }

        return this;
    }

    /// <summary>The connection's options: name, parser and range of each (<c>sink.properties.*</c> aside).</summary>
    internal static IReadOnlyList<ConnectorOption<StarRocksConnectionOptions>> Options { get; } =
    [
        ConnectorOption<StarRocksConnectionOptions>.Text("load-url", (o, v) => o.LoadUrls = v),
        ConnectorOption<StarRocksConnectionOptions>.Text("username", (o, v) => o.Username = v),
        ConnectorOption<StarRocksConnectionOptions>.Text("password", (o, v) => o.Password = v),
        ConnectorOption<StarRocksConnectionOptions>.Text("sink.label-prefix", (o, v) => o.LabelPrefix = v),
        ConnectorOption<StarRocksConnectionOptions>.Int32("sink.max-retries", o => o.MaxRetries, (o, v) => o.MaxRetries = v, 0, 10),
        ConnectorOption<StarRocksConnectionOptions>.Milliseconds("sink.retry.interval-ms", o => o.RetryInterval, (o, v) => o.RetryInterval = v, 0, 600_000),
        ConnectorOption<StarRocksConnectionOptions>.Milliseconds("sink.connect.timeout-ms", o => o.ConnectTimeout, (o, v) => o.ConnectTimeout = v, 100, 60_000),
        ConnectorOption<StarRocksConnectionOptions>.Milliseconds("sink.wait-for-continue.timeout-ms", o => o.WaitForContinueTimeout, (o, v) => o.WaitForContinueTimeout = v, 3_000, 600_000),
        ConnectorOption<StarRocksConnectionOptions>.Milliseconds(
            "sink.socket.timeout-ms", o => o.SocketTimeout, (o, v) => o.SocketTimeout = v < TimeSpan.Zero ? null : v, 100, 86_400_000), // -1: none
    ];

    /// <summary>The longest one HTTP call may take: <see cref="SocketTimeout"/>, else the load timeout plus 60 s.</summary>
    /// <returns>The attempt timeout.</returns>
    public TimeSpan GetAttemptTimeout() => SocketTimeout ?? GetLoadTimeout() + TimeSpan.FromSeconds(60);

    /// <summary>Parses a <c>load-url</c> value: <c>host:port</c> entries separated by <c>;</c> or <c>,</c>, optional http(s) scheme.</summary>
    /// <param name="loadUrls">The configured value.</param>
    /// <returns>One absolute http(s) URI per entry.</returns>
    public static IReadOnlyList<Uri> ParseLoadUrls(string? loadUrls)
    {
        var entries = (loadUrls ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            throw new FormatException("load-url is required: FE HTTP endpoints such as fe1:8030;fe2:8030.");
        }

        var endpoints = new List<Uri>(entries.Length);
        foreach (var entry in entries)
        {
            var hasScheme = entry.Contains("://", StringComparison.Ordinal);
            if (!Uri.TryCreate(hasScheme ? entry : "http://" + entry, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.UserInfo.Length > 0
                || uri.AbsolutePath != "/"
                || (!hasScheme && uri.IsDefaultPort && !entry.EndsWith(":80", StringComparison.Ordinal)))
            {
                throw new FormatException($"load-url entry '{entry}' is not an FE HTTP endpoint such as fe1:8030 or http://fe1:8030.");
            }

            endpoints.Add(new Uri(uri.GetLeftPart(UriPartial.Authority)));
        }

        return endpoints;
    }
}
