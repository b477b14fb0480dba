namespace StarRocks.Typed.Cli.Jobs;

/// <summary>One invalid field of a job script: its JSON path (<c>$.steps[1].parameter.maxBatchRows</c>) and what is wrong.</summary>
/// <param name="Path">The JSON path of the field.</param>
/// <param name="Message">What is wrong with it.</param>
internal sealed record JobScriptError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A job script that does not validate; nothing has been read or written when this is thrown.</summary>
internal sealed class JobScriptException(IReadOnlyList<JobScriptError> errors)
    : Exception("The job script is invalid:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)))
{
    /// <summary>Every invalid field, in document order.</summary>
    public IReadOnlyList<JobScriptError> Errors { get; } = errors;
}
