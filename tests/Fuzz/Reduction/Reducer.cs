using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Stm.Fuzz.Reduction;

/// <summary>
/// Shrinks a failing program while it still fails the same way (<paramref name="stillFails"/>):
/// deletes members, statements, catch/finally clauses and switch sections, replaces compound
/// statements by their bodies and expressions by an operand. Edits are tried largest first, in
/// passes until one changes nothing or the budget is spent. An edit that does not compile is
/// rejected by the predicate like any other.
/// </summary>
internal sealed class Reducer(Func<string, bool> stillFails, TimeSpan budget)
{
    /// <summary>An edit of the current tree; <see cref="Apply"/> gives the edited tree, or null when it does not apply.</summary>
    private sealed record Edit(int Size, Func<SyntaxNode?> Apply);

    public int Checks { get; private set; }

    public string Reduce(string source)
    {
        var clock = Stopwatch.StartNew();
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        bool changed = true;
        while (changed && clock.Elapsed < budget)
        {
            changed = false;
            for (int position = 0; clock.Elapsed < budget; position++)
            {
                var edits = Edits(root);
                if (position >= edits.Count)
                    break;
                if (edits[position].Apply() is not { } candidate || !Fails(candidate))
                    continue;
                root = candidate;
                changed = true;
                // The edit at this position is gone: the next one now has its place.
                position--;
            }
        }
        var formatted = root.NormalizeWhitespace();
        return Fails(formatted) ? formatted.ToFullString() : root.ToFullString();
    }

    private bool Fails(SyntaxNode candidate)
    {
        Checks++;
        return stillFails(candidate.ToFullString());
    }

    /// <summary>The edits of a tree, largest first.</summary>
    private static List<Edit> Edits(SyntaxNode root)
    {
        var edits = new List<Edit>();
        foreach (var node in root.DescendantNodes())
        {
            void Delete() => edits.Add(new Edit(node.Span.Length, () => root.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia)));
            void Replace(Func<SyntaxNode, SyntaxNode?> replacement) =>
                edits.Add(new Edit(node.Span.Length, () => replacement(node) is { } by ? root.ReplaceNode(node, by.WithTriviaFrom(node)) : null));
            switch (node)
            {
                case MemberDeclarationSyntax when node.Parent is TypeDeclarationSyntax or CompilationUnitSyntax:
                case StatementSyntax when node.Parent is BlockSyntax or SwitchSectionSyntax:
                case SwitchSectionSyntax:
                case CatchClauseSyntax when node.Parent is TryStatementSyntax { Catches.Count: > 1 } or TryStatementSyntax { Finally: not null }:
                case FinallyClauseSyntax when node.Parent is TryStatementSyntax { Catches.Count: > 0 }:
                    Delete();
                    break;
            }
            switch (node)
            {
                case IfStatementSyntax:
                    Replace(target => ((IfStatementSyntax)target).Statement);
                    if (((IfStatementSyntax)node).Else is not null)
                        Replace(target => ((IfStatementSyntax)target).Else?.Statement);
                    break;
                case ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax or LockStatementSyntax:
                    Replace(Body);
                    break;
                case TryStatementSyntax:
                    Replace(target => ((TryStatementSyntax)target).Block);
                    break;
                case CheckedStatementSyntax:
                    Replace(target => ((CheckedStatementSyntax)target).Block);
                    break;
                case BinaryExpressionSyntax when node.Parent is not BinaryExpressionSyntax:
                    Replace(target => ((BinaryExpressionSyntax)target).Left);
                    Replace(target => ((BinaryExpressionSyntax)target).Right);
                    break;
                case ConditionalExpressionSyntax:
                    Replace(target => ((ConditionalExpressionSyntax)target).WhenTrue);
                    Replace(target => ((ConditionalExpressionSyntax)target).WhenFalse);
                    break;
                case InvocationExpressionSyntax when node.Parent is not ExpressionStatementSyntax:
                    Replace(_ => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0)));
                    break;
            }
        }
        // Largest first; a stable sort keeps document order among equals.
        return [.. edits.OrderByDescending(e => e.Size)];
    }

    private static StatementSyntax? Body(SyntaxNode loop) => loop switch
    {
        ForStatementSyntax f => f.Statement,
        WhileStatementSyntax w => w.Statement,
        DoStatementSyntax d => d.Statement,
        ForEachStatementSyntax e => e.Statement,
        LockStatementSyntax l => l.Statement,
        _ => null,
    };
}
