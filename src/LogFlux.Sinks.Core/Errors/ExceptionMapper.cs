namespace LogFlux.Sinks.Errors;

/// <summary>
/// Maps an exception to <see cref="ErrorDetails"/> (docs/protocol.md#error-capture). Safe against hostile exceptions: a
/// <c>Message</c> getter that throws yields a placeholder text, and nothing here ever throws.
/// </summary>
internal static class ExceptionMapper
{
    public const int MaxChain = 10;

    public static ErrorDetails Map(Exception? exception)
    {
        if (exception is null) return new ErrorDetails("unknown", string.Empty);
        var details = new ErrorDetails(TypeName(exception), Message(exception));
        try
        {
            ReadFrames(exception, details.StackTrace);
        }
        catch (Exception)
        {
            // Frames are best effort.
        }
        try
        {
            ReadChain(exception, details.Chain);
        }
        catch (Exception)
        {
            // So is the chain; what was read is kept.
        }
        return details;
    }

    internal static string TypeName(Exception exception)
    {
        try
        {
            var type = exception.GetType();
            return type.FullName ?? type.Name;
        }
        catch (Exception)
        {
            return "unknown";
        }
    }

    internal static string Message(Exception exception)
    {
        try
        {
            return exception.Message ?? string.Empty;
        }
        catch (Exception ex)
        {
            return $"<error reading message: {ex.GetType().Name}>";
        }
    }

    /// <summary>The next link of a chain: the inner exception, or the first inner exception of an aggregate.</summary>
    internal static Exception? Cause(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 ? aggregate.InnerExceptions[0] : null,
        _ => exception.InnerException,
    };

    private static void ReadFrames(Exception exception, List<StackFrameInfo> frames)
    {
        StackFrameReader.ReadThrown(exception, frames);
        // An aggregate created by the task machinery is often never thrown itself; its first inner exception
        // carries the frames that matter.
        var inner = exception;
        while (frames.Count == 0 && inner is AggregateException aggregate && Cause(aggregate) is { } next)
        {
            inner = next;
            StackFrameReader.ReadThrown(inner, frames);
        }
        if (frames.Count == 0) StackFrameReader.ReadCurrent(frames);
    }

    private static void ReadChain(Exception exception, List<ErrorChainLink> chain)
    {
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        for (var current = exception; current is not null && chain.Count < MaxChain && seen.Add(current); current = Cause(current))
        {
            chain.Add(new ErrorChainLink(TypeName(current), Message(current)));
        }
    }
}
