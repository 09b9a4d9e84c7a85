using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Gateway.Codec;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Codec;

public sealed class AlpacaMessagePackToJsonTests
{
    [Fact]
    public void Transcode_StockTradeMap_AlpacaJson()
    {
        var pack = new Pack().Map(9)
            .Str("T").Str("t").Str("S").Str("AAPL").Str("i").Raw(0xd2, 0x00, 0x01, 0xe2, 0x40).Str("x").Str("V")
            .Str("p").Float64(189.25).Str("s").Raw(100).Str("c").Array(1).Str("@").Str("z").Str("C")
            .Str("t").Timestamp64(1_714_570_200, 123_456_789).ToArray();

        Assert.Equal(
            """{"T":"t","S":"AAPL","i":123456,"x":"V","p":189.25,"s":100,"c":["@"],"z":"C","t":"2024-05-01T13:30:00.123456789Z"}""",
            Transcode(pack));
    }

    [Theory]
    [InlineData(0u, "2024-05-01T13:30:00Z")]
    [InlineData(1u, "2024-05-01T13:30:00.000000001Z")]
    [InlineData(100_000_000u, "2024-05-01T13:30:00.1Z")]
    [InlineData(120_000_000u, "2024-05-01T13:30:00.12Z")]
    [InlineData(123_456_000u, "2024-05-01T13:30:00.123456Z")]
    [InlineData(999_999_999u, "2024-05-01T13:30:00.999999999Z")]
    public void Transcode_Timestamp64_Rfc3339NanoTrimmedAsGoPrintsIt(uint nanoseconds, string expected)
    {
        Assert.Equal($"\"{expected}\"", Transcode(new Pack().Timestamp64(1_714_570_200, nanoseconds).ToArray()));
    }

    [Fact]
    public void Transcode_Timestamp96_NineFractionDigitsAndNegativeSeconds()
    {
        Assert.Equal("\"2024-05-01T13:30:00.987654321Z\"", Transcode(new Pack().Timestamp96(1_714_570_200, 987_654_321).ToArray()));
        Assert.Equal("\"1969-12-31T23:59:59.000000001Z\"", Transcode(new Pack().Timestamp96(-1, 1).ToArray()));
        Assert.Equal("\"0000-01-01T00:00:00Z\"", Transcode(new Pack().Timestamp96(-62_167_219_200, 0).ToArray()));
        Assert.Equal("\"9999-12-31T23:59:59.999999999Z\"", Transcode(new Pack().Timestamp96(253_402_300_799, 999_999_999).ToArray()));
        Assert.Equal("\"2514-05-30T01:53:04Z\"", Transcode(new Pack().Timestamp96(1L << 34, 0).ToArray()));
    }

    [Fact]
    public void Transcode_Timestamp32_SecondsWithoutFraction()
    {
        Assert.Equal("\"2024-05-01T00:00:00Z\"", Transcode(new Pack().Timestamp32(1_714_521_600).ToArray()));
        Assert.Equal("\"2106-02-07T06:28:15Z\"", Transcode(new Pack().Timestamp32(uint.MaxValue).ToArray()));
    }

    [Fact]
    public void Transcode_RandomTimestampsInAllThreeForms_SameInstantAsDotNetPrintsIt()
    {
        var random = new Random(14);
        for (var i = 0; i < 20_000; i++)
        {
            var seconds = random.NextInt64(0, 1L << 34);
            var nanoseconds = (uint)random.Next(0, 1_000_000_000);
            var expected = DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
                + (nanoseconds == 0 ? string.Empty : "." + nanoseconds.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0')) + "Z";
            Assert.Equal($"\"{expected}\"", Transcode(new Pack().Timestamp64(seconds, nanoseconds).ToArray()));
            Assert.Equal($"\"{expected}\"", Transcode(new Pack().Timestamp96(seconds, nanoseconds).ToArray()));
            if (seconds <= uint.MaxValue && nanoseconds == 0)
            {
                Assert.Equal($"\"{expected}\"", Transcode(new Pack().Timestamp32((uint)seconds).ToArray()));
            }
        }
    }

    [Fact]
    public void Transcode_TimestampNanosecondsAboveOneSecond_FormatException()
    {
        Assert.Throws<FormatException>(() => Transcode(new Pack().Timestamp96(0, 1_000_000_000).ToArray()));
        Assert.Throws<FormatException>(() => Transcode(new Pack().Timestamp64(0, 1_000_000_000).ToArray()));
    }

    [Fact]
    public void Transcode_TimestampAfterYear9999_FormatException()
    {
        Assert.Throws<FormatException>(() => Transcode(new Pack().Timestamp96(253_402_300_800, 0).ToArray()));
        Assert.Throws<FormatException>(() => Transcode(new Pack().Timestamp96(long.MinValue, 0).ToArray()));
    }

    [Fact]
    public void Transcode_OtherExtensionOrTimestampLength_FormatException()
    {
        Assert.Throws<FormatException>(() => Transcode(new Pack().Raw(0xd6, 0x01, 0, 0, 0, 0).ToArray()));
        Assert.Throws<FormatException>(() => Transcode(new Pack().Raw(0xd5, 0xff, 0, 0).ToArray()));
    }

    [Theory]
    [InlineData(100.0, "100")]
    [InlineData(0.1, "0.1")]
    [InlineData(189.25, "189.25")]
    [InlineData(-0.0, "-0")]
    [InlineData(0.0, "0")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000015, "0.0000015")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(1e-10, "1e-10")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(123456789012345680.0, "123456789012345680")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(-42.125, "-42.125")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void Transcode_Float64_ShortestTextLaidOutAsGo(double value, string expected)
    {
        Assert.Equal(expected, Transcode(new Pack().Float64(value).ToArray()));
    }

    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(16777216f, "16777216")]
    [InlineData(1e-7f, "1e-7")]
    [InlineData(3.4028235e38f, "3.4028235e+38")]
    public void Transcode_Float32_ShortestFloat32Text(float value, string expected)
    {
        Assert.Equal(expected, Transcode(new Pack().Float32(value).ToArray()));
    }

    [Fact]
    public void Transcode_Float64NotFinite_Null()
    {
        Assert.Equal("[null,null,null]", Transcode(new Pack().Array(3).Float64(double.NaN).Float64(double.PositiveInfinity).Float64(double.NegativeInfinity).ToArray()));
    }

    [Fact]
    public void Transcode_ManyRandomDoubles_ShortestRoundTripInGoLayout()
    {
        var random = new Random(20241203);
        Span<byte> bits = stackalloc byte[8];
        for (var i = 0; i < 200_000; i++)
        {
            // Half uniformly random bit patterns (every exponent), half prices and sizes as a feed carries them.
            double value;
            if (i % 2 == 0)
            {
                random.NextBytes(bits);
                value = BitConverter.ToDouble(bits);
                if (!double.IsFinite(value))
                {
                    continue;
                }
            }
            else
            {
                value = Math.Round(random.NextDouble() * Math.Pow(10, random.Next(0, 7)), random.Next(0, 9));
            }

            var text = Transcode(new Pack().Float64(value).ToArray());
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)));
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(JsonDocument.Parse(text).RootElement.GetDouble()));

            // Shortest: as many significant digits as .NET's shortest round-trip text.
            var shortest = value.ToString("R", CultureInfo.InvariantCulture);
            Assert.Equal(SignificantDigits(shortest), SignificantDigits(text));

            // Go's layout: exponent form exactly outside [1e-6, 1e21).
            var magnitude = Math.Abs(value);
            Assert.Equal(magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21), text.Contains('e', StringComparison.Ordinal));
            Assert.DoesNotContain("e-0", text, StringComparison.Ordinal);
            Assert.DoesNotContain('E', text);
        }
    }

    [Fact]
    public void Transcode_IntegersInEveryForm_ExactValues()
    {
        var pack = new Pack().Array(12)
            .Raw(0x00).Raw(0x7f).Raw(0xe0).Raw(0xff)
            .Raw(0xcc, 0xff).Raw(0xcd, 0xff, 0xff).Raw(0xce).BigEndian(uint.MaxValue, 4).Raw(0xcf).BigEndian(ulong.MaxValue, 8)
            .Raw(0xd0, 0x80).Raw(0xd1, 0x80, 0x00).Raw(0xd2).BigEndian(0x8000_0000, 4).Raw(0xd3).BigEndian(0x8000_0000_0000_0000, 8)
            .ToArray();

        Assert.Equal("[0,127,-32,-1,255,65535,4294967295,18446744073709551615,-128,-32768,-2147483648,-9223372036854775808]", Transcode(pack));
    }

    [Fact]
    public void Transcode_StringsNeedingEscapes_JsonEscapesAsGo()
    {
        var pack = new Pack().Array(5)
            .Str("quote \" backslash \\ slash /")
            .Str("line\nreturn\rtab\tback\bfeed\f")
            .Str("\u0001\u001f\u007f")
            .Str("Apple’s \u2028 <b>&</b> 株")
            .Str(string.Empty)
            .ToArray();

        var json = Transcode(pack);

        Assert.Equal("[\"quote \\\" backslash \\\\ slash /\",\"line\\nreturn\\rtab\\tback\\bfeed\\f\",\"\\u0001\\u001f\u007f\",\"Apple’s \u2028 <b>&</b> 株\",\"\"]", json);
        var parsed = JsonDocument.Parse(json).RootElement;
        Assert.Equal("line\nreturn\rtab\tback\bfeed\f", parsed[1].GetString());
        Assert.Equal("\u0001\u001f\u007f", parsed[2].GetString());
    }

    [Fact]
    public void Transcode_LongStringsInEveryLengthForm_Copied()
    {
        var text = new string('a', 300) + "\"" + new string('b', 70_000);
        var pack = new Pack().Array(3).Str(new string('x', 200)).Str(text).Str32("short").ToArray();

        var parsed = JsonDocument.Parse(Transcode(pack)).RootElement;

        Assert.Equal(new string('x', 200), parsed[0].GetString());
        Assert.Equal(text, parsed[1].GetString());
        Assert.Equal("short", parsed[2].GetString());
    }

    [Fact]
    public void Transcode_InvalidUtf8_ReplacementCharacter()
    {
        var json = Transcode(new Pack().Str([(byte)'a', 0xff, (byte)'b', 0xc3]).ToArray());

        Assert.Equal("\"a\uFFFDb\uFFFD\"", json);
    }

    [Fact]
    public void Transcode_BinaryNilBooleansNested_Base64NullTrueFalse()
    {
        var pack = new Pack().Map(4)
            .Str("bin").Raw(0xc4, 3, 1, 2, 3)
            .Str("nil").Nil()
            .Str("flags").Array(2).Bool(true).Bool(false)
            .Str("b").Array(1).Map(2).Str("p").Float64(42000.5).Str("s").Float64(0.25)
            .ToArray();

        Assert.Equal("""{"bin":"AQID","nil":null,"flags":[true,false],"b":[{"p":42000.5,"s":0.25}]}""", Transcode(pack));
    }

    [Fact]
    public void Transcode_EmptyContainersAndLargeForms_Written()
    {
        var pack = new Pack().Array(3).Map(0).Array(0).Raw(0xdf).BigEndian(1, 4).Str("k").Raw(0xdd).BigEndian(1, 4).Raw(7).ToArray();

        Assert.Equal("""[{},[],{"k":[7]}]""", Transcode(pack));
    }

    [Fact]
    public void Transcode_IntegerMapKeys_TheirText()
    {
        Assert.Equal("""{"1":"a","-5":"b","300":"c"}""", Transcode(new Pack().Map(3).Raw(1).Str("a").Raw(0xfb).Str("b").Raw(0xcd, 0x01, 0x2c).Str("c").ToArray()));
    }

    [Fact]
    public void Transcode_MapKeyNotStringOrInteger_FormatException()
    {
        Assert.Throws<FormatException>(() => Transcode(new Pack().Map(1).Array(0).Str("a").ToArray()));
        Assert.Throws<FormatException>(() => Transcode(new Pack().Map(1).Nil().Str("a").ToArray()));
    }

    [Fact]
    public void Transcode_NeverUsedCode_FormatException()
    {
        Assert.Throws<FormatException>(() => Transcode([0xc1]));
        Assert.Throws<FormatException>(() => Transcode(new Pack().Array(2).Raw(1).Raw(0xc1).ToArray()));
    }

    [Fact]
    public void Transcode_EveryTruncationOfAMessage_FormatExceptionAndNothingWritten()
    {
        var message = new Pack().Map(6)
            .Str("T").Str("o").Str("S").Str("BTC/USD").Str("t").Timestamp96(1_714_570_200, 5)
            .Str("b").Array(1).Map(2).Str("p").Float64(64000.5).Str("s").Raw(0xcb).BigEndian(BitConverter.DoubleToUInt64Bits(0.5), 8)
            .Str("a").Raw(0xdc, 0, 0).Str("r").Bool(false)
            .ToArray();
        var output = new ArrayBufferWriter<byte>();
        output.Write("prefix"u8);

        for (var length = 0; length < message.Length; length++)
        {
            var truncated = message.AsSpan(0, length).ToArray();
            Assert.Throws<FormatException>(() => AlpacaMessagePackToJson.Transcode(truncated, output));
            Assert.Throws<FormatException>(() => AlpacaMessagePackToJson.SkipValue(truncated));
            Assert.Equal("prefix", Encoding.UTF8.GetString(output.WrittenSpan));
        }

        Assert.Equal(message.Length, AlpacaMessagePackToJson.Transcode(message, output));
    }

    [Fact]
    public void Transcode_HeaderCountsMoreThanTheInputHolds_FormatExceptionBeforeReadingItems()
    {
        Assert.Throws<FormatException>(() => Transcode(new Pack().Raw(0xdd).BigEndian(uint.MaxValue, 4).Raw(1, 2, 3).ToArray()));
        Assert.Throws<FormatException>(() => Transcode(new Pack().Raw(0xdf).BigEndian(uint.MaxValue, 4).Raw(1, 2, 3).ToArray()));
        Assert.Throws<FormatException>(() => Transcode(new Pack().Raw(0xdb).BigEndian(uint.MaxValue, 4).Raw(1, 2, 3).ToArray()));
        Assert.Throws<FormatException>(() => Transcode(new Pack().Raw(0xc6).BigEndian(uint.MaxValue, 4).Raw(1, 2, 3).ToArray()));
        Assert.Throws<FormatException>(() => Transcode(new Pack().Raw(0xc9).BigEndian(uint.MaxValue, 4).Raw(0xff, 2, 3).ToArray()));
    }

    [Fact]
    public void Transcode_NestedDeeperThanTheLimit_FormatException()
    {
        var deep = new Pack();
        for (var i = 0; i < PackReader.MaxDepth + 1; i++)
        {
            deep.Array(1);
        }

        deep.Raw(1);
        Assert.Throws<FormatException>(() => Transcode(deep.ToArray()));

        var allowed = new Pack();
        for (var i = 0; i < PackReader.MaxDepth; i++)
        {
            allowed.Array(1);
        }

        allowed.Raw(1);
        Assert.Equal(new string('[', PackReader.MaxDepth) + "1" + new string(']', PackReader.MaxDepth), Transcode(allowed.ToArray()));
    }

    [Fact]
    public void Transcode_ValueFollowedByMoreBytes_ConsumesOnlyTheValue()
    {
        var pack = new Pack().Map(1).Str("T").Str("q").Map(1).Str("T").Str("t").ToArray();
        var output = new ArrayBufferWriter<byte>();

        var consumed = AlpacaMessagePackToJson.Transcode(pack, output);

        Assert.Equal(5, consumed);
        Assert.Equal(5, AlpacaMessagePackToJson.SkipValue(pack));
        Assert.Equal("""{"T":"q"}""", Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(10, consumed + AlpacaMessagePackToJson.Transcode(pack.AsSpan(consumed), output));
        Assert.Equal("""{"T":"q"}{"T":"t"}""", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Transcode_LongInputHoldingAShortValue_AsksOnlyForTheValuesRoom()
    {
        var pack = new Pack().Map(1).Str("T").Str("q").Raw(new byte[100_000]).ToArray();
        var output = new SizeHintRecorder();

        Assert.Equal(5, AlpacaMessagePackToJson.Transcode(pack, output));

        Assert.Equal(AlpacaMessagePackToJson.MaxJsonLength(5), output.LargestHint);
    }

    [Fact]
    public void Transcode_RandomValues_OutputWithinTheBoundAndValidJson()
    {
        var random = new Random(7);
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < 20_000; i++)
        {
            var pack = new Pack();
            RandomValue(random, pack, 0);
            var bytes = pack.ToArray();
            output.ResetWrittenCount();

            Assert.Equal(bytes.Length, AlpacaMessagePackToJson.Transcode(bytes, output));
            Assert.Equal(bytes.Length, AlpacaMessagePackToJson.SkipValue(bytes));

            Assert.InRange(output.WrittenCount, 1, AlpacaMessagePackToJson.MaxJsonLength(bytes.Length));
            using var document = JsonDocument.Parse(output.WrittenMemory);
        }
    }

    [Fact]
    public void Transcode_WorstCaseInputs_FitTheBound()
    {
        var falses = new Pack().Array(15);
        var controls = new Pack().Str(new string('\u0001', 31));
        var keys = new Pack().Map(15);
        for (var i = 0; i < 15; i++)
        {
            falses.Bool(false);
            keys.Raw(0x7f).Nil();
        }

        foreach (var bytes in new[] { falses.ToArray(), controls.ToArray(), keys.ToArray(), new Pack().Raw(0xc0).ToArray(), new Pack().Raw(0xd0, 0x80).ToArray() })
        {
            Assert.InRange(Encoding.UTF8.GetByteCount(Transcode(bytes)), 1, AlpacaMessagePackToJson.MaxJsonLength(bytes.Length));
        }
    }

    [Fact]
    public void Transcode_RepeatedIntoAReusedBuffer_AllocatesNothing()
    {
        var message = new Pack().Map(11)
            .Str("T").Str("q").Str("S").Str("AAPL").Str("bx").Str("V").Str("bp").Float64(189.25).Str("bs").Raw(3)
            .Str("ax").Str("Q").Str("ap").Float64(189.31).Str("as").Raw(0xcd, 0x01, 0x2c).Str("c").Array(1).Str("R")
            .Str("z").Str("C").Str("t").Timestamp64(1_714_570_200, 123_456_789).ToArray();
        var output = new ArrayBufferWriter<byte>(4096);
        for (var i = 0; i < 1_000; i++)
        {
            output.ResetWrittenCount();
            AlpacaMessagePackToJson.Transcode(message, output);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            output.ResetWrittenCount();
            AlpacaMessagePackToJson.Transcode(message, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    internal static string Transcode(byte[] pack)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(pack.Length, AlpacaMessagePackToJson.Transcode(pack, output));
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string SignificantDigits(string text)
    {
        var mantissa = text.Split('e', 'E')[0].Replace("-", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        return mantissa.Trim('0');
    }

    private static void RandomValue(Random random, Pack pack, int depth)
    {
        switch (random.Next(depth > 4 ? 10 : 13))
        {
            case 0:
                pack.Raw((byte)random.Next(0, 0x80));
                break;
            case 1:
                pack.Raw((byte)random.Next(0xe0, 0x100));
                break;
            case 2:
                var form = random.Next(4);
                pack.Raw((byte)(0xcc + form)).BigEndian((ulong)random.NextInt64(), 1 << form);
                break;
            case 3:
                var size = 1 << random.Next(4);
                pack.Raw((byte)(0xd0 + (size switch { 1 => 0, 2 => 1, 4 => 2, _ => 3 }))).BigEndian((ulong)random.NextInt64(long.MinValue, long.MaxValue), size);
                break;
            case 4:
                pack.Float64(random.NextDouble() * Math.Pow(10, random.Next(-30, 30)));
                break;
            case 5:
                pack.Float32((float)random.NextDouble());
                break;
            case 6:
                var text = new char[random.Next(0, 40)];
                for (var i = 0; i < text.Length; i++)
                {
                    text[i] = (char)random.Next(0, 0x250);
                }

                pack.Str(new string(text));
                break;
            case 7:
                pack.Raw(random.Next(3) switch { 0 => (byte)0xc0, 1 => (byte)0xc2, _ => (byte)0xc3 });
                break;
            case 8:
                var binary = new byte[random.Next(0, 20)];
                random.NextBytes(binary);
                pack.Raw(0xc4, (byte)binary.Length).Raw(binary);
                break;
            case 9:
                pack.Timestamp96(random.NextInt64(-62_167_219_200, 253_402_300_799), (uint)random.Next(1_000_000_000));
                break;
            case 10:
            case 11:
                var items = random.Next(0, 6);
                pack.Array(items);
                for (var i = 0; i < items; i++)
                {
                    RandomValue(random, pack, depth + 1);
                }

                break;
            default:
                var entries = random.Next(0, 6);
                pack.Map(entries);
                for (var i = 0; i < entries; i++)
                {
                    if (random.Next(4) == 0)
                    {
                        pack.Raw((byte)random.Next(0, 0x80));
                    }
                    else
                    {
                        pack.Str("k" + i.ToString(CultureInfo.InvariantCulture));
                    }

                    RandomValue(random, pack, depth + 1);
                }

                break;
        }
    }

    /// <summary>A buffer writer that records the largest size asked for.</summary>
    private sealed class SizeHintRecorder : IBufferWriter<byte>
    {
        private readonly ArrayBufferWriter<byte> _inner = new();

        public int LargestHint { get; private set; }

        public void Advance(int count) => _inner.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            LargestHint = Math.Max(LargestHint, sizeHint);
            return _inner.GetMemory(sizeHint);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            LargestHint = Math.Max(LargestHint, sizeHint);
            return _inner.GetSpan(sizeHint);
        }
    }
}
