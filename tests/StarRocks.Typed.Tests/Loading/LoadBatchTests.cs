using System.Buffers;
using System.Text;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Tests.Loading;

public class LoadBatchTests
{
    [Fact]
    public async Task Content_has_length_and_can_be_sent_twice_without_rewriting()
    {
        using var batch = new LoadBatch(segmentSize: 256);
        var expected = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            var row = $"{i}\tname-{i}\n";
            expected.Append(row);
            batch.Write(Encoding.UTF8.GetBytes(row));
            batch.AddRows();
        }

        Assert.Equal(Encoding.UTF8.GetByteCount(expected.ToString()), batch.Length);
        Assert.Equal(200, batch.RowCount);
        Assert.True(batch.GetSegments().Count() > 1);

        for (var send = 0; send < 2; send++)
        {
            using var content = batch.CreateContent();
            Assert.Equal(batch.Length, content.Headers.ContentLength);
            Assert.Equal(expected.ToString(), await content.ReadAsStringAsync());
        }
    }

    [Fact]
    public void Write_fills_each_segment_to_the_end_before_the_next()
    {
        using var batch = new LoadBatch(segmentSize: 256);
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        batch.Write(bytes.AsSpan(0, 100));
        batch.Write(bytes.AsSpan(100)); // crosses three segment ends
        var segments = batch.GetSegments().ToList();
        Assert.Equal([256, 256, 256, 232], segments.Select(s => s.Length));
        Assert.Equal(bytes, segments.SelectMany(s => s.ToArray()));
    }

    [Fact]
    public void Large_size_hint_gets_a_segment_big_enough()
    {
        using var batch = new LoadBatch(segmentSize: 256);
        var span = batch.GetSpan(10_000);
        Assert.True(span.Length >= 10_000);
        span[..10_000].Fill((byte)'x');
        batch.Advance(10_000);
        Assert.Equal(10_000, batch.Length);
    }

    [Fact]
    public void Advancing_past_the_buffer_throws()
    {
        using var batch = new LoadBatch(segmentSize: 256);
        var length = batch.GetSpan().Length;
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Advance(length + 1));
    }

    [Fact]
    public void Dispose_returns_every_segment_to_the_pool()
    {
        var pool = new CountingPool();
        var batch = new LoadBatch(pool, segmentSize: 256);
        for (var i = 0; i < 20; i++)
        {
            batch.Write(new byte[100]);
        }

        Assert.True(pool.Rented > 1);
        batch.Dispose();
        Assert.Equal(pool.Rented, pool.Returned);
        Assert.Throws<ObjectDisposedException>(() => batch.GetSpan());
    }

    [Fact]
    public void Reset_empties_the_batch_for_reuse()
    {
        var pool = new CountingPool();
        using var batch = new LoadBatch(pool, segmentSize: 256);
        batch.Write(new byte[1000]);
        batch.Reset();
        Assert.Equal(0, batch.Length);
        Assert.Empty(batch.GetSegments());
        batch.Write("a\n"u8);
        Assert.Equal(2, batch.Length);
    }

    private sealed class CountingPool : ArrayPool<byte>
    {
        public int Rented { get; private set; }

        public int Returned { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            Rented++;
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false) => Returned++;
    }
}
