using StarRocks.Typed.Cli.Jobs;

namespace StarRocks.Typed.Cli.Tests.Jobs;

public sealed class JobScriptFileTests
{
    private const string DataSources = """
        { "dataSources": { "src": { "type": "mysql", "jdbcUrl": "jdbc:mysql://db:3306/app", "username": "u", "passwordEnv": "APP_PW" } } }
        """;

    private const string Job = """
        {
          // Comments are allowed in job files.
          "steps": [
            { "stepType": "mysql", "category": "reader", "parameter": { "datasource": "src", "table": "t", "column": ["*"] } },
            { "stepType": "jsonl", "category": "writer", "parameter": { "path": "out.jsonl" } }
          ]
        }
        """;

    [Fact]
    public void A_job_and_its_data_sources_file_load_from_disk()
    {
        var directory = Directory.CreateTempSubdirectory("job-");
        try
        {
            var job = Path.Combine(directory.FullName, "job.json");
            var sources = Path.Combine(directory.FullName, "sources.json");
            File.WriteAllText(job, Job);
            File.WriteAllText(sources, DataSources);

            var parsed = JobScriptFile.Load(job, sources, name => name == "APP_PW" ? "pw" : null);

            var reader = Assert.IsType<DatabaseReader>(parsed.Reader);
            Assert.True(reader.AllColumns);
            Assert.Equal("app", reader.Database);
            Assert.Equal("pw", reader.DataSource.Password.Reveal());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_files_are_reported_by_the_argument_that_named_them()
    {
        var exception = Assert.Throws<JobScriptException>(() => JobScriptFile.Load("/nonexistent/job.json", "/nonexistent/sources.json", _ => null));

        Assert.Equal(["JOB", "--datasources"], exception.Errors.Select(e => e.Path));
        Assert.Contains("/nonexistent/job.json", exception.Errors[0].Message, StringComparison.Ordinal);
    }
}
