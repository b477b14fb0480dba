using System.Data;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using StarRocks.Typed.Source;

namespace StarRocks.Typed.Benchmarks.Reading;

/// <summary>
/// Typed source read of 50,000 rows against a hand-written <c>DbDataReader</c> loop running the same SQL text on the same
/// MySqlConnector pool, through the stand-in's MySQL endpoint.
/// </summary>
[MemoryDiagnoser]
public class SourceReadBenchmarks
{
    private const int Rows = 50_000;
    private ReadingStandIn _standIn = null!;
    private IStarRocksSource<BenchCustomer> _source = null!;
    private string _sql = null!;

    [GlobalSetup]
    public void Setup()
    {
        _standIn = ReadingStandIn.StartAsync(Rows).GetAwaiter().GetResult();
        _source = _standIn.Services.GetRequiredService<IStarRocksSource<BenchCustomer>>();
        _sql = "SELECT /*+ SET_VAR(query_timeout=600, query_mem_limit=1073741824) */ " +
               string.Join(", ", BenchCustomer.Table.Columns.Select(c => $"`{c.Name}`")) + " FROM `bench`.`customers`";
    }

    [GlobalCleanup]
    public void Cleanup() => _standIn.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public async Task<long> HandWrittenReader()
    {
        long checksum = 0;
        await using var connection = new MySqlConnection(_standIn.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(_sql, connection);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync())
        {
            var row = new BenchCustomer
            {
                CustomerId = reader.GetInt64(0),
                Name = reader.GetString(1),
                City = reader.IsDBNull(2) ? null : reader.GetString(2),
                Tier = reader.GetString(3),
                Orders = reader.GetInt32(4),
                Revenue = reader.GetDecimal(5),
                Score = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                CreatedAt = reader.GetDateTime(7),
                LastOrderAt = reader.IsDBNull(8) ? null : reader.GetDateTime(8),
                Active = reader.GetBoolean(9),
                ReferrerId = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                Email = reader.IsDBNull(11) ? null : reader.GetString(11),
            };
            checksum += row.CustomerId;
        }

        return checksum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task<long> TypedSource()
    {
        long checksum = 0;
        await foreach (var row in _source.ReadAsync())
        {
            checksum += row.CustomerId;
        }

        return checksum;
    }
}
