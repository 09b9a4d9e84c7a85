namespace WebsocketProxy.Alpaca.Trading;

/// <summary>Simple, or one of the linked order classes (<c>order_class</c>).</summary>
public enum OrderClass
{
    /// <summary>A value this library does not know yet (or none); the order's raw text is kept where it matters.</summary>
    Unknown,

    /// <summary>A single order (<c>simple</c>).</summary>
    Simple,

    /// <summary>An entry with a take-profit and a stop-loss leg (<c>bracket</c>).</summary>
    Bracket,

    /// <summary>One cancels the other (<c>oco</c>).</summary>
    Oco,

    /// <summary>One triggers the other (<c>oto</c>).</summary>
    Oto,

    /// <summary>A multi-leg options order (<c>mleg</c>).</summary>
    Mleg,
}
