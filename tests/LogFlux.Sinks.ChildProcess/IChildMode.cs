namespace LogFlux.Sinks.ChildProcess;

/// <summary>One way of logging: the core client directly or one of the framework adapters.</summary>
internal interface IChildMode
{
    /// <summary>The LogFlux client the entries go to (the adapter's shared client); its figures go into the stats line.</summary>
    LogFluxClient Client { get; }

    /// <summary>
    /// True when the framework promises to flush at process exit (NLog, log4net): the child then closes nothing
    /// itself and prints its stats from a process-exit handler registered after the framework's.
    /// </summary>
    bool ClosesAtProcessExit { get; }

    /// <summary>Events the adapter dropped before they reached the client (reason <c>no_client</c>).</summary>
    long NoClientDrops { get; }

    /// <summary>Logs the entry whose message is <c>&lt;prefix&gt;-&lt;index&gt;</c>.</summary>
    void Log(string prefix, int index);

    /// <summary>The framework's own close (not called when <see cref="ClosesAtProcessExit"/>).</summary>
    void Close();
}
