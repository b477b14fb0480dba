using Microsoft.Extensions.Options;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Configuration;

/// <summary>Validates <see cref="StarRocksConnectionOptions"/>; every message names the connector option users know.</summary>
internal sealed class StarRocksConnectionOptionsValidator : IValidateOptions<StarRocksConnectionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StarRocksConnectionOptions options) => OptionsFailures.ToResult(GetFailures(options));

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem, if any.</summary>
    /// <param name="options">The options to check.</param>
    public static void ThrowIfInvalid(StarRocksConnectionOptions options) => OptionsFailures.ThrowIfAny<StarRocksConnectionOptions>(GetFailures(options));

    /// <summary>Returns one message per problem.</summary>
    /// <param name="options">The options to check.</param>
    /// <returns>The messages; empty when the options are valid.</returns>
    public static IReadOnlyList<string> GetFailures(StarRocksConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            options.GetLoadEndpoints();
        }
        catch (FormatException e)
        {
            failures.Add(e.Message);
        }

        if (string.IsNullOrEmpty(options.Username))
        {
            failures.Add("username is required.");
        }

        if (options.Password is null)
        {
            failures.Add("password must not be null (use an empty string for no password).");
        }

        if (options.LabelPrefix is not null && !LoadLabelGenerator.IsValidPrefix(options.LabelPrefix))
        {
            failures.Add($"sink.label-prefix must be 1-48 characters of [-_A-Za-z0-9] (was '{options.LabelPrefix}').");
        }

        ConnectorOptions.Check(options, StarRocksConnectionOptions.Options, failures);
        if (options.PooledConnectionLifetime <= TimeSpan.Zero && options.PooledConnectionLifetime != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"PooledConnectionLifetime must be positive (was {options.PooledConnectionLifetime}).");
        }

        foreach (var (key, value) in options.Properties ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(key) || key.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-'))
            {
                failures.Add($"sink.properties.{key} is not a valid Stream Load header name.");
            }
            else if (IsReservedHeader(key))
            {
                failures.Add($"sink.properties.{key} is set by the loader and cannot be configured.");
            }
            else if (value is null || value.Any(c => c is '\r' or '\n'))
            {
                failures.Add($"sink.properties.{key} must be a single-line value.");
            }
            else if (key.Equals("content-encoding", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add(StreamLoadRequest.ContentEncodingRefusal);
            }
            else if (key.Equals(LoadCompression.HeaderName, StringComparison.OrdinalIgnoreCase) && !LoadCompression.TryParse(value, out _, out var error))
            {
                failures.Add(error!);
            }
        }

        MergeCommitProperties.Read(options.Properties, failures);
        return failures;
    }

    private static bool IsReservedHeader(string key) =>
        key.Equals("label", StringComparison.OrdinalIgnoreCase)
        || key.Equals("authorization", StringComparison.OrdinalIgnoreCase)
        || key.Equals("expect", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || key.Equals("host", StringComparison.OrdinalIgnoreCase);
}
