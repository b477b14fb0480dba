using Microsoft.Extensions.Options;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Configuration;

/// <summary>
/// Validates <see cref="StarRocksOptions"/> (the connection through <see cref="StarRocksConnectionOptionsValidator"/>, then
/// the sink's ranges and Stream Load properties); every message names the option as users spell it.
/// </summary>
internal sealed class StarRocksOptionsValidator : IValidateOptions<StarRocksOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StarRocksOptions options) => OptionsFailures.ToResult(GetFailures(options));

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem, if any.</summary>
    /// <param name="options">The options to check.</param>
    public static void ThrowIfInvalid(StarRocksOptions options) => OptionsFailures.ThrowIfAny<StarRocksOptions>(GetFailures(options));

    /// <summary>Returns one message per problem.</summary>
    /// <param name="options">The options to check.</param>
    /// <returns>The messages; empty when the options are valid.</returns>
    public static IReadOnlyList<string> GetFailures(StarRocksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(StarRocksConnectionOptionsValidator.GetFailures(options.Connection));
        try
        {
            if (!string.IsNullOrWhiteSpace(options.JdbcUrl))
            {
                DependencyInjection.JdbcDataSource.ConnectionString(options, _ => { });
            }
        }
        catch (FormatException e)
        {
            failures.Add(e.Message);
        }

        ConnectorOptions.Check(options, StarRocksOptions.Options, failures);
        if (!Enum.IsDefined(options.Semantic))
        {
            failures.Add($"sink.semantic must be at-least-once or exactly-once (was {options.Semantic}).");
        }

        CheckProperties(failures, options.Connection.Properties ?? new Dictionary<string, string>());
        CheckMergeCommit(failures, options);
        return failures;
    }

    private static void CheckProperties(List<string> failures, IDictionary<string, string> properties)
    {
        if (properties.TryGetValue("format", out var format) && !format.Equals("csv", StringComparison.OrdinalIgnoreCase) && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"sink.properties.format must be csv or json (was '{format}').");
        }

        foreach (var option in new[] { "column_separator", "row_delimiter" })
        {
            if (properties.TryGetValue(option, out var notation))
            {
                try
                {
                    StarRocksDelimiter.Parse(notation);
                }
                catch (ArgumentException e)
                {
                    failures.Add($"sink.properties.{option} is invalid: {e.Message}");
                }
            }
        }

        // the sink's CSV always sets enclose; StarRocks's CSV state machine then reads a multi-byte row delimiter only
        // when a byte follows it (CSVReader::is_row_delimiter, be/src/formats/csv/csv_reader.cpp)
        var csv = !properties.TryGetValue("format", out var bodyFormat) || bodyFormat.Equals("csv", StringComparison.OrdinalIgnoreCase);
        if (csv && properties.TryGetValue("row_delimiter", out var rowDelimiter) && ParsesToSeveralBytes(rowDelimiter))
        {
            failures.Add("sink.properties.row_delimiter must be one byte for CSV: values are enclosed in \", and StarRocks's CSV reader " +
                "then reads a multi-byte row delimiter at the end of a load body as data of the last row (CSVReader::is_row_delimiter).");
        }

        foreach (var option in new[] { "partial_update", "strict_mode" })
        {
            if (properties.TryGetValue(option, out var flag) && !bool.TryParse(flag, out _))
            {
                failures.Add($"sink.properties.{option} must be true or false (was '{flag}').");
            }
        }

        if (properties.TryGetValue("max_filter_ratio", out var ratioText)
            && (!double.TryParse(ratioText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ratio) || ratio is < 0 or > 1))
        {
            failures.Add($"sink.properties.max_filter_ratio must be a number between 0 and 1 (was '{ratioText}').");
        }

        if (properties.TryGetValue("timeout", out var timeoutText) && (!int.TryParse(timeoutText, out var timeout) || timeout <= 0))
        {
            failures.Add($"sink.properties.timeout must be a positive number of seconds (was '{timeoutText}').");
        }

        if (properties.ContainsKey("columns"))
        {
            failures.Add("sink.properties.columns is written by the sink from the table model; use WritePartialAsync for a column subset.");
        }

        if (properties.TryGetValue("partial_update", out var partial) && bool.TryParse(partial, out var isPartial) && isPartial)
        {
            failures.Add("sink.properties.partial_update is set by the sink per batch; use WritePartialAsync for a column subset.");
        }
    }

    private static void CheckMergeCommit(List<string> failures, StarRocksOptions options)
    {
        if (options.Connection.GetMergeCommit() is null)
        {
            return;
        }

        if (options.Semantic == StarRocksSinkSemantic.ExactlyOnce)
        {
            failures.Add("sink.properties.enable_merge_commit is not compatible with sink.semantic exactly-once: StarRocks labels and commits " +
                "merged transactions itself, so they cannot be prepared and committed at a checkpoint. Use at-least-once.");
        }

        if (options.UseTransactionStreamLoad)
        {
            failures.Add("sink.properties.enable_merge_commit is not compatible with sink.at-least-once.use-transaction-stream-load: " +
                "Merge Commit loads are plain Stream Loads that StarRocks merges into its own transactions.");
        }
    }

    private static bool ParsesToSeveralBytes(string notation)
    {
        try
        {
            return StarRocksDelimiter.Parse(notation).Length > 1;
        }
        catch (ArgumentException)
        {
            return false; // reported as invalid above
        }
    }
}
