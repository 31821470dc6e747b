using System.Diagnostics;

namespace LogFlux.Sinks.Context;

/// <summary>
/// Starts the <see cref="Activity"/> that mirrors a LogFlux span, so that <see cref="Activity.Current"/>
/// inside the span carries the span's W3C trace and span ids (and anything that logs through a framework
/// picks them up). The span takes its ids from this activity. An <see cref="ActivitySource"/> named
/// <c>LogFlux.Sinks</c> is used when someone listens; otherwise a plain activity is started.
/// </summary>
internal static class SpanActivity
{
    public const string SourceName = "LogFlux.Sinks";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the activity. For a root, <see cref="Activity.Current"/> is cleared first so the new
    /// trace has no implicit parent; the caller restores it when the span ends.</summary>
    public static Activity Start(string operation, string name, in SpanParent parent)
    {
        ActivityContext context = default;
        if (parent.IsRoot)
        {
            Activity.Current = null;
        }
        else
        {
            var flags = parent.Sampled == false ? ActivityTraceFlags.None : ActivityTraceFlags.Recorded;
            context = new ActivityContext(
                ActivityTraceId.CreateFromString(parent.TraceId.AsSpan()),
                ActivitySpanId.CreateFromString(parent.ParentSpanId.AsSpan()),
                flags,
                isRemote: parent.IsRemote);
        }

        Activity? activity = null;
        if (Source.HasListeners())
        {
            activity = Source.CreateActivity(operation, ActivityKind.Internal, context, idFormat: ActivityIdFormat.W3C);
        }
        if (activity is null)
        {
            activity = new Activity(operation);
            activity.SetIdFormat(ActivityIdFormat.W3C);
            if (!parent.IsRoot) activity.SetParentId(context.TraceId, context.SpanId, context.TraceFlags);
        }
        activity.DisplayName = name;
        activity.Start();
        return activity;
    }

    /// <summary>Stops the activity and puts back the activity that was current before the span (in this flow).</summary>
    public static void Stop(Activity activity, Activity? before)
    {
        var current = Activity.Current;
        activity.Stop();
        Activity.Current = ReferenceEquals(current, activity) ? before : current;
    }
}
