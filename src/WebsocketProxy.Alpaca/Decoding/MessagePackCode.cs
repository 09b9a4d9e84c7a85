namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>The MessagePack format bytes the field reader tells apart (see the MessagePack specification).</summary>
internal static class MessagePackCode
{
    public const byte MaxPositiveFixInt = 0x7f;
    public const byte MinFixMap = 0x80;
    public const byte MaxFixMap = 0x8f;
    public const byte MinFixArray = 0x90;
    public const byte MaxFixArray = 0x9f;
    public const byte MinFixStr = 0xa0;
    public const byte MaxFixStr = 0xbf;
    public const byte Nil = 0xc0;
    public const byte False = 0xc2;
    public const byte True = 0xc3;
    public const byte Ext8 = 0xc7;
    public const byte Float32 = 0xca;
    public const byte Float64 = 0xcb;
    public const byte UInt8 = 0xcc;
    public const byte UInt16 = 0xcd;
    public const byte UInt32 = 0xce;
    public const byte UInt64 = 0xcf;
    public const byte Int8 = 0xd0;
    public const byte Int16 = 0xd1;
    public const byte Int32 = 0xd2;
    public const byte Int64 = 0xd3;
    public const byte FixExt4 = 0xd6;
    public const byte FixExt8 = 0xd7;
    public const byte Str8 = 0xd9;
    public const byte Str16 = 0xda;
    public const byte Str32 = 0xdb;
    public const byte Array16 = 0xdc;
    public const byte Array32 = 0xdd;
    public const byte Map16 = 0xde;
    public const byte Map32 = 0xdf;
    public const byte MinNegativeFixInt = 0xe0;

    /// <summary>The timestamp extension type.</summary>
    public const sbyte TimestampExtension = -1;

    /// <summary>What a format byte starts, for error messages.</summary>
    public static string Describe(byte code) => code switch
    {
        <= MaxPositiveFixInt or >= MinNegativeFixInt => "an integer",
        <= MaxFixMap => "a map",
        <= MaxFixArray => "an array",
        <= MaxFixStr => "a string",
        Nil => "nil",
        False or True => "a boolean",
        0xc4 or 0xc5 or 0xc6 => "binary data",
        Ext8 or 0xc8 or 0xc9 or (>= 0xd4 and <= 0xd8) => "an extension",
        Float32 or Float64 => "a float",
        >= UInt8 and <= Int64 => "an integer",
        >= Str8 and <= Str32 => "a string",
        Array16 or Array32 => "an array",
        Map16 or Map32 => "a map",
        _ => $"the unused format byte 0x{code:x2}",
    };
}
