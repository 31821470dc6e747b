namespace LogFlux.Sinks;

/// <summary>An audit record (entry type 5, level 6). Never sampled.</summary>
public sealed class AuditEntry : LogFluxEntry
{
    /// <summary>Creates an audit record.</summary>
    /// <param name="action">What was done, e.g. <c>record.deleted</c>.</param>
    /// <param name="actor">Who did it.</param>
    /// <param name="resource">Kind of resource.</param>
    /// <param name="resourceId">Identifier of the resource.</param>
    /// <param name="timestamp">When it happened.</param>
    public AuditEntry(string action, string actor, string resource, string resourceId, DateTimeOffset timestamp)
        : base(LogFluxEntryType.Audit, LogFluxLevel.Notice, timestamp)
    {
        Action = action;
        Actor = actor;
        Resource = resource;
        ResourceId = resourceId;
    }

    /// <summary>What was done.</summary>
    public string Action { get; set; }

    /// <summary>Who did it.</summary>
    public string Actor { get; set; }

    /// <summary>Optional kind of actor (user, service, …).</summary>
    public string? ActorType { get; set; }

    /// <summary>Kind of resource.</summary>
    public string Resource { get; set; }

    /// <summary>Identifier of the resource.</summary>
    public string ResourceId { get; set; }

    /// <summary>Outcome, <c>success</c> by default.</summary>
    public string Outcome { get; set; } = "success";
}
