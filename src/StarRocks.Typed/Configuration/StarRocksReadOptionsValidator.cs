using Microsoft.Extensions.Options;

namespace StarRocks.Typed.Configuration;

/// <summary>Validates <see cref="StarRocksReadOptions"/> on start; messages name the options as users spell them.</summary>
internal sealed class StarRocksReadOptionsValidator : IValidateOptions<StarRocksReadOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StarRocksReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OptionsFailures.ToResult(options.GetFailures());
    }
}
