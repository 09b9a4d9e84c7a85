using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Tests.Models;

public sealed class OptionContractTests
{
    [Theory]
    [InlineData("AAPL241220C00200000", "AAPL", 2024, 12, 20, OptionRight.Call, "200")]
    [InlineData("SPXW241220P05900000", "SPXW", 2024, 12, 20, OptionRight.Put, "5900")]
    [InlineData("A250117C00001500", "A", 2025, 1, 17, OptionRight.Call, "1.5")]
    [InlineData("BRKB1250620C00450500", "BRKB1", 2025, 6, 20, OptionRight.Call, "450.5")]
    [InlineData("F991231P99999999", "F", 2099, 12, 31, OptionRight.Put, "99999.999")]
    public void Parse_OccSymbol_ReadsEveryPartAndWritesItBack(string symbol, string root, int year, int month, int day, OptionRight right, string strike)
    {
        var contract = OptionContract.Parse(symbol);

        Assert.Equal((root, new DateOnly(year, month, day), right, decimal.Parse(strike, System.Globalization.CultureInfo.InvariantCulture)), (contract.Root, contract.Expiration, contract.Right, contract.Strike));
        Assert.Equal(symbol, contract.ToString());
    }

    [Fact]
    public void ToString_BuiltFromParts_IsTheOccSymbolAlpacaTakes() =>
        Assert.Equal("AAPL241220C00200000", new OptionContract("AAPL", new DateOnly(2024, 12, 20), OptionRight.Call, 200m).ToString());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAPL")]
    [InlineData("AAPL241220C0020000")]
    [InlineData("AAPL241320C00200000")]
    [InlineData("AAPL240230C00200000")]
    [InlineData("AAPL241220X00200000")]
    [InlineData("aapl241220C00200000")]
    [InlineData("TOOLONG241220C00200000")]
    [InlineData("1AAP241220C00200000")]
    [InlineData("AAPL241220C00000000")]
    [InlineData("AAPL 41220C00200000")]
    [InlineData("AAPL241220C0020000x")]
    public void TryParse_NotAnOccSymbol_FalseAndParseThrowsFormatException(string? symbol)
    {
        Assert.False(OptionContract.TryParse(symbol, out _));
        if (symbol is not null)
        {
            Assert.Contains("OCC", Assert.Throws<FormatException>(() => OptionContract.Parse(symbol)).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("aapl", 2024, "200")]
    [InlineData("TOOLONG", 2024, "200")]
    [InlineData("AAPL", 2100, "200")]
    [InlineData("AAPL", 2024, "0")]
    [InlineData("AAPL", 2024, "100000")]
    [InlineData("AAPL", 2024, "200.0005")]
    public void Constructor_PartsThatDoNotFitTheSymbol_Throw(string root, int year, string strike) =>
        Assert.ThrowsAny<ArgumentException>(() => new OptionContract(root, new DateOnly(year, 12, 20), OptionRight.Put, decimal.Parse(strike, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Default_ToString_IsEmpty() => Assert.Equal(string.Empty, default(OptionContract).ToString());
}
