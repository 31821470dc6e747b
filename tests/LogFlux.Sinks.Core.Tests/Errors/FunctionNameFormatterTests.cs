using LogFlux.Sinks.Errors;

namespace LogFlux.Sinks.Core.Tests.Errors;

public class FunctionNameFormatterTests
{
    [TestCase("Shop.Checkout.OrderService", "Place", "Shop.Checkout.OrderService.Place")]
    [TestCase("Shop.Checkout.OrderService+<PlaceAsync>d__3", "MoveNext", "Shop.Checkout.OrderService.PlaceAsync")]
    [TestCase("Shop.Program+<>c", "<Main>b__0_0", "Shop.Program.Main")]
    [TestCase("Shop.Program+<>c__DisplayClass2_0", "<Run>b__1", "Shop.Program.Run")]
    [TestCase("Shop.Program", "<Main>g__Local|0_0", "Shop.Program.Main.Local")]
    [TestCase("Program", "<Main>$", "Program.Main")]
    [TestCase("Program+<<Main>$>d__0", "MoveNext", "Program.Main")]
    [TestCase("Program+<>c", "<<Main>$>b__0_0", "Program.Main")]
    [TestCase("Program", "<<Main>$>g__Handle|0_1", "Program.Main.Handle")]
    [TestCase("Shop.Cache`1+Entry", "Get", "Shop.Cache.Entry.Get")]
    [TestCase(null, "Orphan", "Orphan")]
    [TestCase(null, null, "unknown")]
    public void Compiler_generated_names_are_cleaned(string? type, string? method, string expected)
    {
        Assert.That(FunctionNameFormatter.Format(type, method), Is.EqualTo(expected));
    }
}
