using System.Globalization;
using System.Text;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Tests.Serialization;

public class Utf8ValueFormatterTests
{
    private static string Double(double value)
    {
        Span<byte> buffer = stackalloc byte[Utf8ValueFormatter.MaxDoubleLength];
        return Encoding.ASCII.GetString(buffer[..Utf8ValueFormatter.FormatDouble(buffer, value)]);
    }

    private static string Decimal(decimal value)
    {
        Span<byte> buffer = stackalloc byte[Utf8ValueFormatter.MaxDecimalLength];
        return Encoding.ASCII.GetString(buffer[..Utf8ValueFormatter.FormatDecimal(buffer, value)]);
    }

    private static string Int64(long value)
    {
        Span<byte> buffer = stackalloc byte[Utf8ValueFormatter.MaxInt64Length];
        return Encoding.ASCII.GetString(buffer[..Utf8ValueFormatter.FormatInt64(buffer, value)]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(123.45)]
    [InlineData(-99.99)]
    [InlineData(1e-4)]
    [InlineData(1e-5)]
    [InlineData(9.9999e-5)]
    [InlineData(1e14)]
    [InlineData(999999999999999.0)]
    [InlineData(1e15)]
    [InlineData(1e16)]
    [InlineData(123456789012345.6)]
    [InlineData(0.1 + 0.2)]
    [InlineData(double.MaxValue)]
    [InlineData(double.MinValue)]
    [InlineData(double.Epsilon)]
    [InlineData(2.2250738585072014E-308)] // min normal
    [InlineData(2.225073858507201E-308)] // max subnormal
    [InlineData(4503599627370496.5)]
    [InlineData(9007199254740993.0)]
    public void Double_text_equals_ToString_R(double value)
    {
        Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), Double(value));
    }

    [Fact]
    public void Negative_zero_keeps_its_sign() => Assert.Equal("-0", Double(-0.0));

    [Fact]
    public void Double_fast_path_equals_ToString_R_on_a_million_random_values()
    {
        var random = new Random(20240601);
        double[] powers = [.. Enumerable.Range(-8, 27).Select(e => Math.Pow(10, e))]; // 1e-8 … 1e18
        Span<byte> expected = stackalloc byte[64];
        Span<byte> actual = stackalloc byte[Utf8ValueFormatter.MaxDoubleLength];
        int fastPathCandidates = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            double value = (i % 4) switch
            {
                // Short decimals (prices, quantities, measurements): the fast path.
                0 => Math.Round(random.NextDouble() * powers[8 + random.Next(0, 12)], random.Next(0, 7)),
                1 => random.Next(-1_000_000, 1_000_000) / powers[8 + random.Next(0, 10)],
                // Arbitrary bit patterns: every exponent, NaN/∞ filtered.
                2 => BitConverter.Int64BitsToDouble(random.NextInt64()),
                _ => (random.NextDouble() - 0.5) * powers[random.Next(0, powers.Length)],
            };
            if (!double.IsFinite(value)) continue;
            if (Math.Abs(value) is >= 1e-4 and < 1e15) fastPathCandidates++;
            value.TryFormat(expected, out int expectedLength, "R", CultureInfo.InvariantCulture);
            int actualLength = Utf8ValueFormatter.FormatDouble(actual, value);
            if (!actual[..actualLength].SequenceEqual(expected[..expectedLength]))
                Assert.Fail($"{BitConverter.DoubleToInt64Bits(value):X16}: expected {Encoding.ASCII.GetString(expected[..expectedLength])}, got {Encoding.ASCII.GetString(actual[..actualLength])}");
        }
        Assert.True(fastPathCandidates > 500_000, $"only {fastPathCandidates} values in the fast-path range");
    }

    [Fact]
    public void Decimal_text_equals_ToString_with_scale_kept()
    {
        decimal[] values =
        [
            0m, 0.0m, -0.00m, 1m, -1m, 1.50m, 100m, 0.001m, -0.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue,
            1234567890123456789.123456789m, 18446744073709551615m, 18446744073709551616m, 9999999999.999999999m, 0.000000001m,
            1.0000000000000000000000000000m, 7.9228162514264337593543950335m,
        ];
        foreach (var value in values) Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Decimal(value));
        var random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            var value = new decimal(random.Next(), random.Next(4) == 0 ? random.Next() : 0, random.Next(8) == 0 ? random.Next() : 0, random.Next(2) == 0, (byte)random.Next(0, 29));
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Decimal(value));
        }
    }

    [Fact]
    public void Integer_text_equals_ToString()
    {
        long[] values = [0, 1, -1, 9, 10, 99, 100, long.MaxValue, long.MinValue, 1_000_000_000_000_000_000, 999_999_999_999_999_999];
        foreach (var value in values) Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Int64(value));
        var random = new Random(3);
        for (int i = 0; i < 200_000; i++)
        {
            long value = random.NextInt64() >> random.Next(0, 63);
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Int64(value));
        }
    }

    [Fact]
    public void DateTime_text_has_microseconds_only_when_present()
    {
        var random = new Random(11);
        Span<byte> buffer = stackalloc byte[Utf8ValueFormatter.MaxDateTimeLength];
        for (int i = 0; i < 200_000; i++)
        {
            var value = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks));
            if (i % 3 == 0) value = new DateTime(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond);
            var truncated = new DateTime(value.Ticks - value.Ticks % 10);
            var expected = truncated.ToString(truncated.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
            Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..Utf8ValueFormatter.FormatDateTime(buffer, value)]));
        }
    }

    [Fact]
    public void Sub_microsecond_ticks_are_truncated()
    {
        Span<byte> buffer = stackalloc byte[Utf8ValueFormatter.MaxDateTimeLength];
        var value = new DateTime(2024, 1, 1).AddTicks(9); // 900 ns
        Assert.Equal("2024-01-01 00:00:00", Encoding.ASCII.GetString(buffer[..Utf8ValueFormatter.FormatDateTime(buffer, value)]));
        value = new DateTime(2024, 1, 1).AddTicks(19);
        Assert.Equal("2024-01-01 00:00:00.000001", Encoding.ASCII.GetString(buffer[..Utf8ValueFormatter.FormatDateTime(buffer, value)]));
    }

    [Fact]
    public void Delimiter_notation_round_trips()
    {
        Assert.Equal(new byte[] { 1 }, StarRocksDelimiter.Parse("\\x01"));
        Assert.Equal(new byte[] { 13, 10 }, StarRocksDelimiter.Parse("\\x0D0A"));
        Assert.Equal(new byte[] { 13, 10 }, StarRocksDelimiter.Parse("\\\\x0d0a"));
        Assert.Equal(new byte[] { 9 }, StarRocksDelimiter.Parse("\\t"));
        Assert.Equal("|"u8.ToArray(), StarRocksDelimiter.Parse("|"));
        Assert.Equal("\\x09", StarRocksDelimiter.Format([9]));
        Assert.Equal("||", StarRocksDelimiter.Format("||"u8));
        Assert.Throws<ArgumentException>(() => StarRocksDelimiter.Parse("\\xZZ"));
        Assert.Throws<ArgumentException>(() => StarRocksDelimiter.Parse(new string(',', 51)));
    }
}
