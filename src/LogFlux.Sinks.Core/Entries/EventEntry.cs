namespace LogFlux.Sinks;

/// <summary>A named event (entry type 4, level 7).</summary>
public sealed class EventEntry : LogFluxEntry
{
    /// <summary>Creates an event.</summary>
    /// <param name="name">Event name, e.g. <c>user.signup</c>.</param>
    /// <param name="timestamp">When it happened.</param>
    public EventEntry(string name, DateTimeOffset timestamp)
        : base(LogFluxEntryType.Event, LogFluxLevel.Info, timestamp)
    {
        Name = name;
    }

    /// <summary>Event name (serialised as <c>event</c>).</summary>
    public string Name { get; set; }
}
