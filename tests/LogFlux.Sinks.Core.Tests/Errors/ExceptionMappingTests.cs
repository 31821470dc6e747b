using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using LogFlux.Sinks.Core.Tests.Client;

namespace LogFlux.Sinks.Core.Tests.Errors;

public class ExceptionMappingTests
{
    [Test]
    public void A_thrown_exception_maps_type_message_and_throw_site_first()
    {
        var error = ErrorDetails.FromException(Catch(ThrowInvalid));
        Assert.Multiple(() =>
        {
            Assert.That(error.Type, Is.EqualTo("System.InvalidOperationException"));
            Assert.That(error.Message, Is.EqualTo("Sequence contains no elements"));
            Assert.That(error.StackTrace, Is.Not.Empty);
            Assert.That(error.StackTrace[0].Function, Is.EqualTo($"{typeof(ExceptionMappingTests).FullName}.{nameof(ThrowInvalid)}"));
            Assert.That(error.StackTrace[0].File, Does.EndWith("ExceptionMappingTests.cs"));
            Assert.That(error.StackTrace[0].Line, Is.GreaterThan(0));
            Assert.That(error.Chain, Has.Count.EqualTo(1));
            Assert.That(error.Breadcrumbs, Is.Empty);
        });
    }

    [Test]
    public async Task Async_frames_are_named_after_the_user_method()
    {
        Exception? caught = null;
        try
        {
            await ThrowAfterYieldAsync();
        }
        catch (Exception ex)
        {
            caught = ex;
        }
        var error = ErrorDetails.FromException(caught!);
        Assert.That(error.StackTrace[0].Function, Is.EqualTo($"{typeof(ExceptionMappingTests).FullName}.{nameof(ThrowAfterYieldAsync)}"));
        Assert.That(error.StackTrace.Select(f => f.Function), Has.None.Contain("MoveNext").And.None.Contain("<"));
        Assert.That(error.StackTrace.Select(f => f.Function),
            Has.Some.EqualTo($"{typeof(ExceptionMappingTests).FullName}.{nameof(Async_frames_are_named_after_the_user_method)}"));
    }

    [Test]
    public void Inner_exceptions_form_the_chain()
    {
        var outer = Catch(() => Wrap(() => throw new KeyNotFoundException("The given key was not present.")));
        var error = ErrorDetails.FromException(outer);
        Assert.That(error.Chain.Select(l => (l.Type, l.Message)), Is.EqualTo(new[]
        {
            ("System.InvalidOperationException", "wrapped"),
            ("System.Collections.Generic.KeyNotFoundException", "The given key was not present."),
        }));
    }

    [Test]
    public void An_aggregate_exception_follows_its_first_inner_exception()
    {
        var first = Catch(() => throw new TimeoutException("first"));
        var aggregate = new AggregateException(first, new ArgumentException("second"));
        var error = ErrorDetails.FromException(aggregate);
        Assert.Multiple(() =>
        {
            Assert.That(error.Type, Is.EqualTo("System.AggregateException"));
            Assert.That(error.Chain.Select(l => l.Type), Is.EqualTo(new[] { "System.AggregateException", "System.TimeoutException" }));
            // Never thrown itself: the frames come from the inner exception's throw site.
            Assert.That(error.StackTrace[0].Function, Does.EndWith(nameof(An_aggregate_exception_follows_its_first_inner_exception)));
            Assert.That(error.StackTrace[0].Line, Is.GreaterThan(0));
        });
    }

    [Test]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void A_never_thrown_exception_gets_the_current_call_stack()
    {
        var error = ErrorDetails.FromException(new InvalidOperationException("created, not thrown"));
        Assert.That(error.StackTrace, Is.Not.Empty);
        Assert.That(error.StackTrace[0].Function, Is.EqualTo($"{typeof(ExceptionMappingTests).FullName}.{nameof(A_never_thrown_exception_gets_the_current_call_stack)}"));
        Assert.That(error.StackTrace.Select(f => f.Function), Has.None.StartsWith("LogFlux.Sinks.Errors"));
    }

    [Test]
    public void Chains_and_frames_are_bounded()
    {
        Exception deep = new InvalidOperationException("0");
        for (var i = 1; i < 30; i++) deep = new InvalidOperationException(i.ToString(), deep);
        Assert.That(ErrorDetails.FromException(deep).Chain, Has.Count.EqualTo(10));

        var recursive = Catch(() => Recurse(50));
        Assert.That(ErrorDetails.FromException(recursive).StackTrace, Has.Count.EqualTo(20));
    }

    [Test]
    public void A_hostile_exception_does_not_break_mapping()
    {
        var hostile = Catch(() => throw new HostileException());
        ErrorDetails? error = null;
        Assert.DoesNotThrow(() => error = ErrorDetails.FromException(hostile));
        Assert.That(error!.Type, Does.EndWith("HostileException"));
        Assert.That(error.Message, Is.EqualTo("<error reading message: NotSupportedException>"));
        Assert.That(error.StackTrace, Is.Not.Empty);
    }

    [Test]
    public void A_null_exception_maps_to_unknown()
    {
        var error = ErrorDetails.FromException(null!);
        Assert.That(error.Type, Is.EqualTo("unknown"));
    }

    private static Exception Catch(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }
        throw new AssertionException("expected an exception");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalid() => throw new InvalidOperationException("Sequence contains no elements");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task ThrowAfterYieldAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException("async");
    }

    private static void Wrap(Action inner)
    {
        try
        {
            inner();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException("wrapped", ex);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Recurse(int depth) => depth == 0 ? throw new StackOverflowGuardException() : Recurse(depth - 1) + 1;

    private sealed class StackOverflowGuardException : Exception;

    private sealed class HostileException : Exception
    {
        public override string Message => throw new NotSupportedException();
        public override string? StackTrace => throw new NotSupportedException();
        public override string ToString() => throw new NotSupportedException();
    }

    /// <summary>
    /// An exception thrown in an application written with top-level statements, captured by the client and written
    /// as JSON. A test assembly cannot contain top-level statements, so the compiler's shape is built at run time: a
    /// <c>Program</c> class whose entry point is <c>&lt;Main&gt;$</c>, a lambda in the closure class
    /// <c>Program+&lt;&gt;c</c> and a local function <c>&lt;&lt;Main&gt;$&gt;g__Checkout|0_1</c>.
    /// </summary>
    [Test]
    public void Frames_of_top_level_statements_are_named_after_Program_Main()
    {
        using var h = new ClientHarness();

        h.Client.CaptureError(RunTopLevelProgram());

        var frames = h.Json(h.Single()).GetProperty("stack_trace").EnumerateArray()
            .Select(f => f.GetProperty("function").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(frames.Take(3), Is.EqualTo(new[] { "Program.Main.Checkout", "Program.Main", "Program.Main" }));
            Assert.That(frames, Has.None.Contain("<").And.None.Contain("$"));
        });
    }

    private static Exception RunTopLevelProgram()
    {
        var module = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("TopLevelApp"), AssemblyBuilderAccess.RunAndCollect)
            .DefineDynamicModule("TopLevelApp");
        var program = module.DefineType("Program", TypeAttributes.NotPublic | TypeAttributes.Abstract | TypeAttributes.Sealed);
        var closure = program.DefineNestedType("<>c", TypeAttributes.NestedPrivate | TypeAttributes.Abstract | TypeAttributes.Sealed);

        // static void <<Main>$>g__Checkout|0_1() => throw new InvalidOperationException("cart is empty");
        var local = Method(program, "<<Main>$>g__Checkout|0_1", typeof(void), Type.EmptyTypes);
        var il = local.GetILGenerator();
        il.Emit(OpCodes.Ldstr, "cart is empty");
        il.Emit(OpCodes.Newobj, typeof(InvalidOperationException).GetConstructor([typeof(string)])!);
        il.Emit(OpCodes.Throw);

        // static int <<Main>$>b__0_0() { Checkout(); return 0; }   (a lambda of the top-level statements)
        var lambda = Method(closure, "<<Main>$>b__0_0", typeof(int), Type.EmptyTypes);
        il = lambda.GetILGenerator();
        il.Emit(OpCodes.Call, local);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Ret);

        // static int <Main>$(string[] args) => lambda() + 1;   (the arithmetic keeps the call out of tail position)
        var main = Method(program, "<Main>$", typeof(int), [typeof(string[])]);
        il = main.GetILGenerator();
        il.Emit(OpCodes.Call, lambda);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ret);

        var programType = program.CreateType();
        closure.CreateType();
        try
        {
            programType.GetMethod("<Main>$", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, [Array.Empty<string>()]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is InvalidOperationException thrown)
        {
            return thrown;
        }
        throw new AssertionException("The generated program did not throw.");
    }

    private static MethodBuilder Method(TypeBuilder type, string name, Type returnType, Type[] parameters)
    {
        var method = type.DefineMethod(name, MethodAttributes.Assembly | MethodAttributes.Static, returnType, parameters);
        method.SetImplementationFlags(MethodImplAttributes.NoInlining);
        return method;
    }
}
