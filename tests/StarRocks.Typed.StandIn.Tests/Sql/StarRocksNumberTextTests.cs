using StarRocks.Typed.StandIn.MySql;

namespace StarRocks.Typed.StandIn.Tests.Sql;

/// <summary>FLOAT/DOUBLE text as StarRocks's BE sends it (Ryu shortest digits, ryu.patch layout).</summary>
public sealed class StarRocksNumberTextTests
{
    [Theory]
    [InlineData(0f, "0")]
    [InlineData(-0f, "-0")]
    [InlineData(1f, "1")]
    [InlineData(0.1f, "0.1")]
    [InlineData(123.456f, "123.456")]
    [InlineData(12345678f, "12345678")]
    [InlineData(123456789f, "1.2345679e+08")]
    [InlineData(0.0001f, "0.0001")]
    [InlineData(0.00001f, "1e-05")]
    [InlineData(float.MaxValue, "3.4028235e+38")]
    [InlineData(float.MinValue, "-3.4028235e+38")]
    [InlineData(float.Epsilon, "1e-45")]
    [InlineData(1.17549435E-38f, "1.1754944e-38")]
    [InlineData(float.PositiveInfinity, "inf")]
    [InlineData(float.NaN, "nan")]
    public void Formats_FLOAT(float value, string expected) => Assert.Equal(expected, StarRocksNumberText.Format(value));

    [Theory]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789012345.6, "123456789012345.6")]
    [InlineData(-2.5e-5, "-2.5e-05")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(double.Epsilon, "5e-324")]
    [InlineData(2.2250738585072014E-308, "2.2250738585072014e-308")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Formats_DOUBLE(double value, string expected) => Assert.Equal(expected, StarRocksNumberText.Format(value));
}
