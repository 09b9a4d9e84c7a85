using System.Buffers.Binary;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// Field names of up to four bytes packed into a number, so decoders switch on an integer instead of
/// comparing spans. Longer names pack to zero and are compared as spans.
/// </summary>
internal static class FieldKey
{
    public const uint Ap = 'a' | ('p' << 8);
    public const uint As = 'a' | ('s' << 8);
    public const uint Ax = 'a' | ('x' << 8);
    public const uint Bp = 'b' | ('p' << 8);
    public const uint Bs = 'b' | ('s' << 8);
    public const uint Bx = 'b' | ('x' << 8);
    public const uint Cc = 'c' | ('c' << 8);
    public const uint Ci = 'c' | ('i' << 8);
    public const uint Cp = 'c' | ('p' << 8);
    public const uint Cs = 'c' | ('s' << 8);
    public const uint Oc = 'o' | ('c' << 8);
    public const uint Oi = 'o' | ('i' << 8);
    public const uint Op = 'o' | ('p' << 8);
    public const uint Os = 'o' | ('s' << 8);
    public const uint Rc = 'r' | ('c' << 8);
    public const uint Rm = 'r' | ('m' << 8);
    public const uint Sc = 's' | ('c' << 8);
    public const uint Sm = 's' | ('m' << 8);
    public const uint Tks = 't' | ('k' << 8) | ('s' << 16);
    public const uint Vw = 'v' | ('w' << 8);

    public static uint Of(ReadOnlySpan<byte> name) => name.Length switch
    {
        1 => name[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(name),
        3 => BinaryPrimitives.ReadUInt16LittleEndian(name) | ((uint)name[2] << 16),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(name),
        _ => 0,
    };

    public static BarKind BarKindOf(string typeCode) => typeCode switch
    {
        "d" => BarKind.Daily,
        "u" => BarKind.Updated,
        _ => BarKind.Minute,
    };

    public static TakerSide TakerSideOf(string side) => side switch
    {
        "B" => TakerSide.Buy,
        "S" => TakerSide.Sell,
        _ => TakerSide.Unknown,
    };

    public static TradeCancelAction CancelActionOf(string action) => action switch
    {
        "C" => TradeCancelAction.Cancel,
        "E" => TradeCancelAction.Error,
        _ => TradeCancelAction.Unknown,
    };
}
