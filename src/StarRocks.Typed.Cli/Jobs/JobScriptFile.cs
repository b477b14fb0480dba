namespace StarRocks.Typed.Cli.Jobs;

/// <summary>Reads a job script and its optional data-sources file from disk, passwords from the process environment.</summary>
internal static class JobScriptFile
{
    /// <summary>Reads and validates the job at <paramref name="jobPath"/>.</summary>
    /// <param name="jobPath">The job script.</param>
    /// <param name="dataSourcesPath">A file holding <c>{"dataSources": {…}}</c>, or null.</param>
    /// <returns>The validated job.</returns>
    /// <exception cref="JobScriptException">A file is missing or unreadable, or the job does not validate.</exception>
    public static JobScript Load(string jobPath, string? dataSourcesPath) =>
        Load(jobPath, dataSourcesPath, Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="Load(string, string?)"/>, with environment variables read through <paramref name="environment"/>.</summary>
    internal static JobScript Load(string jobPath, string? dataSourcesPath, Func<string, string?> environment)
    {
        var errors = new List<JobScriptError>();
        var job = Read(jobPath, "JOB", errors);
        var dataSources = dataSourcesPath is null ? null : Read(dataSourcesPath, "--datasources", errors);
        if (errors.Count > 0)
            throw new JobScriptException(errors);
        return JobScriptParser.Parse(job!, dataSources, environment);
    }

    private static string? Read(string path, string argument, List<JobScriptError> errors)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new(argument, $"cannot read '{Path.GetFullPath(path)}': {e.Message}"));
            return null;
        }
    }
}
