using Microsoft.Extensions.Options;

namespace StarRocks.Typed.Configuration;

/// <summary>Turns a validator's list of messages into the options framework's result or exception.</summary>
internal static class OptionsFailures
{
    /// <summary>Success when there are no messages, else a failure listing them.</summary>
    public static ValidateOptionsResult ToResult(IReadOnlyList<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

    /// <summary>Throws <see cref="OptionsValidationException"/> listing the messages, if any.</summary>
    public static void ThrowIfAny<TOptions>(IReadOnlyList<string> failures)
    {
        if (failures.Count > 0)
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), failures);
    }
}
