using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace LogFlux.Sinks.Errors;

/// <summary>Reads the frames of an exception, or of the current call stack, as <see cref="StackFrameInfo"/>.</summary>
internal static class StackFrameReader
{
    public const int MaxFrames = 20;

    // Assemblies whose frames are skipped at the top of a captured call stack: the client itself, its
    // adapters and the logging frameworks they plug into. What remains starts at the user's call site.
    private static readonly HashSet<string> InfrastructureAssemblies = new(StringComparer.Ordinal)
    {
        "LogFlux.Sinks.Core", "Serilog.Sinks.LogFlux", "NLog.Targets.LogFlux", "log4net.Appender.LogFlux",
        "Serilog", "NLog", "log4net", "System.Private.CoreLib",
    };

    /// <summary>Frames of a thrown exception, throw site first; empty when it was never thrown.</summary>
    public static void ReadThrown(Exception exception, List<StackFrameInfo> into)
    {
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        foreach (var frame in frames)
        {
            if (into.Count >= MaxFrames) break;
            if (Describe(frame, out _) is { } info) into.Add(info);
        }
    }

    /// <summary>Frames of the current call stack, without the leading frames of the client and the logging frameworks.</summary>
    public static void ReadCurrent(List<StackFrameInfo> into)
    {
        var frames = new StackTrace(skipFrames: 1, fNeedFileInfo: true).GetFrames();
        var skipping = true;
        foreach (var frame in frames)
        {
            if (into.Count >= MaxFrames) break;
            var info = Describe(frame, out var assembly);
            if (info is null) continue;
            if (skipping && IsInfrastructure(assembly)) continue;
            skipping = false;
            into.Add(info);
        }
    }

    private static bool IsInfrastructure(string? assembly) => assembly is not null && InfrastructureAssemblies.Contains(assembly);

    private static StackFrameInfo? Describe(StackFrame frame, out string? assembly)
    {
        assembly = null;
        try
        {
            ReadMethod(frame, out var typeName, out var methodName, out assembly);
            if (typeName is null && methodName is null) return null;
            var file = frame.GetFileName();
            var line = frame.GetFileLineNumber();
            return new StackFrameInfo(
                FunctionNameFormatter.Format(typeName, methodName),
                string.IsNullOrEmpty(file) ? "unknown" : file,
                line > 0 ? line : 0);
        }
        catch (Exception)
        {
            return null;
        }
    }

#if NET9_0_OR_GREATER
    private static void ReadMethod(StackFrame frame, out string? typeName, out string? methodName, out string? assembly)
    {
        var method = DiagnosticMethodInfo.Create(frame);
        typeName = method?.DeclaringTypeName;
        methodName = method?.Name;
        assembly = method?.DeclaringAssemblyName;
        if (assembly is not null)
        {
            var comma = assembly.IndexOf(',');
            if (comma > 0) assembly = assembly[..comma];
        }
    }
#else
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Method names are best effort; a trimmed method yields no frame.")]
    private static void ReadMethod(StackFrame frame, out string? typeName, out string? methodName, out string? assembly)
    {
        var method = frame.GetMethod();
        typeName = method?.DeclaringType?.FullName;
        methodName = method?.Name;
        assembly = method?.DeclaringType?.Assembly.GetName().Name;
    }
#endif
}
