namespace LogFlux.Sinks;

/// <summary>The error fields of an error capture (docs/protocol.md#error-capture).</summary>
public sealed class ErrorDetails
{
    /// <summary>Creates error details.</summary>
    /// <param name="type">Full type name of the exception.</param>
    /// <param name="message">The exception's own message (may be empty).</param>
    public ErrorDetails(string type, string message)
    {
        Type = type;
        Message = message;
    }

    /// <summary>
    /// Maps an exception (docs/protocol.md#error-capture): full type name, message, at most 20 frames (throw site first; the
    /// current call stack when it was never thrown), and the chain of the exception and its inner exceptions
    /// (first inner exception of an <see cref="AggregateException"/>), at most 10 links. Never throws, even
    /// for exceptions whose members throw.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns>New error details without breadcrumbs.</returns>
    public static ErrorDetails FromException(Exception exception) => Errors.ExceptionMapper.Map(exception);

    /// <summary>Full .NET type name, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string Type { get; set; }

    /// <summary>The exception's own message.</summary>
    public string Message { get; set; }

    /// <summary>At most 20 frames, most recent call first.</summary>
    public List<StackFrameInfo> StackTrace { get; } = new();

    /// <summary>The error itself followed by its causes, at most 10; sent only with two or more links.</summary>
    public List<ErrorChainLink> Chain { get; } = new();

    /// <summary>Breadcrumb snapshot, oldest first.</summary>
    public List<Breadcrumb> Breadcrumbs { get; } = new();
}

/// <summary>One stack frame of an error capture.</summary>
/// <param name="Function">Namespace.Type.Method.</param>
/// <param name="File">Source path, or <c>unknown</c>.</param>
/// <param name="Line">Line number, 0 when unknown.</param>
public sealed record StackFrameInfo(string Function, string File, int Line);

/// <summary>One link of an error chain.</summary>
/// <param name="Type">Full type name.</param>
/// <param name="Message">The exception message.</param>
public sealed record ErrorChainLink(string Type, string Message);
