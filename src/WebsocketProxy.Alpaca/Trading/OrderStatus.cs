namespace WebsocketProxy.Alpaca.Trading;

/// <summary>The state of an order (<c>status</c>).</summary>
public enum OrderStatus
{
    /// <summary>A value this library does not know yet (or none); the order's raw text is kept where it matters.</summary>
    Unknown,

    /// <summary>Routed to the exchange and open (<c>new</c>).</summary>
    New,

    /// <summary>Partly filled and still open (<c>partially_filled</c>).</summary>
    PartiallyFilled,

    /// <summary>Completely filled (<c>filled</c>).</summary>
    Filled,

    /// <summary>Done for the day (<c>done_for_day</c>).</summary>
    DoneForDay,

    /// <summary>Canceled (<c>canceled</c>).</summary>
    Canceled,

    /// <summary>Expired (<c>expired</c>).</summary>
    Expired,

    /// <summary>Replaced by another order (<c>replaced</c>).</summary>
    Replaced,

    /// <summary>Waiting for a cancel to be confirmed (<c>pending_cancel</c>).</summary>
    PendingCancel,

    /// <summary>Waiting for a replace to be confirmed (<c>pending_replace</c>).</summary>
    PendingReplace,

    /// <summary>Waiting for review (<c>pending_review</c>).</summary>
    PendingReview,

    /// <summary>Accepted by Alpaca, not yet routed (<c>accepted</c>).</summary>
    Accepted,

    /// <summary>Received, not yet routed (<c>pending_new</c>).</summary>
    PendingNew,

    /// <summary>Accepted for bidding (<c>accepted_for_bidding</c>).</summary>
    AcceptedForBidding,

    /// <summary>Stopped (<c>stopped</c>).</summary>
    Stopped,

    /// <summary>Rejected (<c>rejected</c>).</summary>
    Rejected,

    /// <summary>Suspended (<c>suspended</c>).</summary>
    Suspended,

    /// <summary>Completed for the day, settlement being calculated (<c>calculated</c>).</summary>
    Calculated,

    /// <summary>Held until triggered (<c>held</c>).</summary>
    Held,
}
