using System.Globalization;
using System.Text.Json;
using StarRocks.Typed.Cli.DataSources;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Cli.Jobs;

/// <summary>
/// Parses and validates a job script in the step form of DataWorks batch-sync scripts:
/// <code>
/// { "type": "job", "version": "2.0",
///   "dataSources": { "src": { "type": "starrocks", "jdbcUrl": "jdbc:mysql://fe:9030/db", "username": "u", "passwordEnv": "SRC_PASSWORD" } },
///   "steps": [ { "stepType": "starrocks", "category": "reader", "name": "Reader", "parameter": { … } },
///              { "stepType": "starrocks", "category": "writer", "name": "Writer", "parameter": { … } } ],
///   "order": { "hops": [ { "from": "Reader", "to": "Writer" } ] } }
/// </code>
/// Every bad or unknown field is reported with its JSON path, all at once; nothing runs until the whole job validates.
/// </summary>
internal static class JobScriptParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses <paramref name="job"/> (and <paramref name="dataSources"/>, a file holding only a <c>dataSources</c> object).</summary>
    /// <param name="job">The job script's text.</param>
    /// <param name="dataSources">The separate data-sources file's text, or null.</param>
    /// <param name="environment">Reads environment variables (the data sources' passwords).</param>
    /// <returns>The validated job.</returns>
    /// <exception cref="JobScriptException">The job or the data-sources file does not validate.</exception>
    public static JobScript Parse(string job, string? dataSources, Func<string, string?> environment)
    {
        var errors = new List<JobScriptError>();
        var catalog = new DataSourceCatalog();
        using var jobDocument = ParseDocument(job, "$", errors);
        using var sourcesDocument = dataSources is null ? null : ParseDocument(dataSources, "data-sources file $", errors);
        if (errors.Count > 0)
            throw new JobScriptException(errors);

        if (sourcesDocument is not null && JsonFields.Open(sourcesDocument.RootElement, "data-sources file $", errors) is { } sourcesRoot)
        {
            if (sourcesRoot.RequiredObject("dataSources") is { } entries)
                catalog.Add(entries, environment, errors);
            sourcesRoot.RejectUnknown();
        }

        var script = ReadJob(jobDocument!.RootElement, catalog, environment, errors);
        if (errors.Count > 0 || script is null)
            throw new JobScriptException(errors);
        return script;
    }

    private static JsonDocument? ParseDocument(string text, string path, List<JobScriptError> errors)
    {
        try
        {
            return JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            errors.Add(new(path, string.Create(CultureInfo.InvariantCulture,
                $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).")));
            return null;
        }
    }

    private static JobScript? ReadJob(JsonElement root, DataSourceCatalog catalog, Func<string, string?> environment, List<JobScriptError> errors)
    {
        var job = JsonFields.Open(root, "$", errors);
        if (job is null)
            return null;

        if (job.OptionalString("type") is { } type && type != "job")
            job.Fail("type", $"must be 'job' (was '{type}').");
        job.OptionalString("version");
        if (job.OptionalObject("dataSources") is { } sources)
            catalog.Add(sources, environment, errors);

        JobReader? reader = null;
        JobWriter? writer = null;
        string? readerName = null, writerName = null, writerPath = null;
        if (job.TryGet("steps", out var steps))
        {
            if (steps.ValueKind != JsonValueKind.Array || steps.GetArrayLength() != 2)
            {
                job.Fail("steps", "must be an array of two steps: one reader and one writer.");
            }
            else
            {
                var index = 0;
                var errorsBefore = errors.Count;
                foreach (var element in steps.EnumerateArray())
                {
                    var step = JsonFields.Open(element, $"{job.PathOf("steps")}[{index++}]", errors);
                    if (step is null)
                        continue;
                    ReadStep(step, catalog, ref reader, ref writer, ref readerName, ref writerName);
                    if (writer is not null)
                        writerPath ??= step.PathOf("parameter");
                    step.RejectUnknown();
                }

                if (errors.Count == errorsBefore && readerName is null)
                    job.Fail("steps", "has no step with category 'reader'.");
                if (errors.Count == errorsBefore && writerName is null)
                    job.Fail("steps", "has no step with category 'writer'.");
            }
        }
        else
        {
            job.Fail("steps", "is required.");
        }

        var concurrency = ReadConcurrency(job);
        if (job.OptionalObject("order") is { } order)
        {
            ReadOrder(order, readerName, writerName, errors);
            order.RejectUnknown();
        }

        job.RejectUnknown();
        if (errors.Count == 0 && reader is DatabaseReader { AllColumns: false } source && writer is StarRocksWriter target
            && source.Columns.Count != target.Columns.Count)
        {
            errors.Add(new(JsonFields.Child(writerPath!, "column"), string.Create(CultureInfo.InvariantCulture,
                $"lists {target.Columns.Count} columns but the reader's column lists {source.Columns.Count}.")));
        }

        return reader is not null && writer is not null ? new JobScript(reader, writer, concurrency) : null;
    }

    /// <summary>
    /// <c>setting.speed.concurrent</c> (DataWorks; DataX calls it <c>channel</c>): how many splits are read, and batches
    /// loaded, at once.
    /// </summary>
    private static int ReadConcurrency(JsonFields job)
    {
        if (job.OptionalObject("setting") is not { } setting)
            return JobScript.DefaultConcurrency;
        var concurrency = JobScript.DefaultConcurrency;
        if (setting.OptionalObject("speed") is { } speed)
        {
            if (speed.Has("concurrent") && speed.Has("channel"))
                speed.Fail("channel", "is another name for concurrent; set one of them.");
            var name = speed.Has("channel") ? "channel" : "concurrent";
            concurrency = (int)speed.OptionalInt64(name, JobScript.DefaultConcurrency, 1, JobScript.MaxConcurrency);
            speed.RejectUnknown();
        }

        setting.RejectUnknown();
        return concurrency;
    }

    private static void ReadStep(
        JsonFields step, DataSourceCatalog catalog, ref JobReader? reader, ref JobWriter? writer, ref string? readerName, ref string? writerName)
    {
        var category = step.RequiredString("category");
        var stepType = step.RequiredString("stepType");
        var name = step.OptionalString("name");
        var parameter = step.RequiredObject("parameter");
        if (category is not null and not "reader" and not "writer")
        {
            step.Fail("category", $"must be 'reader' or 'writer' (was '{category}').");
            return;
        }

        if (category is null || stepType is null || parameter is null)
            return;

        if (category == "reader")
        {
            if (reader is not null || readerName is not null)
            {
                step.Fail("category", "a job has one reader; this is the second.");
                return;
            }

            readerName = name ?? "Reader";
            reader = StepParameters.ReadReader(stepType, parameter, catalog, step);
        }
        else
        {
            if (writer is not null || writerName is not null)
            {
                step.Fail("category", "a job has one writer; this is the second.");
                return;
            }

            writerName = name ?? "Writer";
            writer = StepParameters.ReadWriter(stepType, parameter, catalog, step);
        }

        parameter.RejectUnknown();
    }

    private static void ReadOrder(JsonFields order, string? readerName, string? writerName, List<JobScriptError> errors)
    {
        if (!order.TryGet("hops", out var hops))
            return;
        if (hops.ValueKind != JsonValueKind.Array || hops.GetArrayLength() != 1)
        {
            order.Fail("hops", "must be an array of one hop, from the reader to the writer.");
            return;
        }

        if (JsonFields.Open(hops[0], $"{order.PathOf("hops")}[0]", errors) is not { } hop)
            return;
        if (hop.RequiredString("from") is { } from && readerName is not null && from != readerName)
            hop.Fail("from", $"must name the reader step '{readerName}' (was '{from}').");
        if (hop.RequiredString("to") is { } to && writerName is not null && to != writerName)
            hop.Fail("to", $"must name the writer step '{writerName}' (was '{to}').");
        hop.RejectUnknown();
    }
}
