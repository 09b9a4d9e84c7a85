namespace WebsocketProxy.Alpaca.Trading;

/// <summary>What happened to an order, as a trade update's <c>event</c> says.</summary>
public enum TradeUpdateEvent
{
    /// <summary>A value this library does not know yet (or none); the order's raw text is kept where it matters.</summary>
    Unknown,

    /// <summary>The order was routed to the exchange (<c>new</c>).</summary>
    New,

    /// <summary>The order was completely filled (<c>fill</c>).</summary>
    Fill,

    /// <summary>Part of the order was filled (<c>partial_fill</c>).</summary>
    PartialFill,

    /// <summary>The order was canceled (<c>canceled</c>).</summary>
    Canceled,

    /// <summary>The order expired under its time in force (<c>expired</c>).</summary>
    Expired,

    /// <summary>The order is done for the day; it may trade again on a later day (<c>done_for_day</c>).</summary>
    DoneForDay,

    /// <summary>The order was replaced by another (<c>replaced</c>).</summary>
    Replaced,

    /// <summary>The order was rejected (<c>rejected</c>).</summary>
    Rejected,

    /// <summary>The order was received but not yet routed (<c>pending_new</c>).</summary>
    PendingNew,

    /// <summary>The order was stopped; a trade is guaranteed, usually at a stated price (<c>stopped</c>).</summary>
    Stopped,

    /// <summary>A cancel was requested and is not yet confirmed (<c>pending_cancel</c>).</summary>
    PendingCancel,

    /// <summary>A replace was requested and is not yet confirmed (<c>pending_replace</c>).</summary>
    PendingReplace,

    /// <summary>The order was completed for the day and settlement is being calculated (<c>calculated</c>).</summary>
    Calculated,

    /// <summary>The order was suspended and is not eligible for trading (<c>suspended</c>).</summary>
    Suspended,

    /// <summary>A replace request was rejected (<c>order_replace_rejected</c>).</summary>
    OrderReplaceRejected,

    /// <summary>A cancel request was rejected (<c>order_cancel_rejected</c>).</summary>
    OrderCancelRejected,

    /// <summary>The order was accepted by Alpaca but not yet routed (<c>accepted</c>).</summary>
    Accepted,

    /// <summary>The order is held, waiting for a trigger (a bracket order's leg) (<c>held</c>).</summary>
    Held,

    /// <summary>The order was restated by the venue (<c>restated</c>).</summary>
    Restated,
}
