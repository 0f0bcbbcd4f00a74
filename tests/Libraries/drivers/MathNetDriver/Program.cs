using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

// One thread calls into MathNet.Numerics; the library's managed provider itself runs parts of the
// work with Parallel.For / Parallel.ForEach on the thread pool (CommonParallel, for arrays longer
// than 4096 elements and large products). Prints results rounded so that the woven program must
// print exactly what the original prints.
const int N = 160;

Control.UseManaged();
Control.MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount);

var a = Matrix<double>.Build.Dense(N, N, (i, j) => ((i * 31 + j * 17) % 101) / 10.0 + (i == j ? N : 0));
var b = Matrix<double>.Build.Dense(N, N, (i, j) => ((i * 7 + j * 13) % 53) / 7.0 - 3.0);
var v = Vector<double>.Build.Dense(N, i => (i % 9) - 4.0);

long before = ThreadPool.CompletedWorkItemCount;
var product = a * b;                        // matrix product
var pointwise = a.PointwiseMultiply(b);     // CommonParallel.For over 25600 elements
var scaled = pointwise * 0.5;               // ScaleArray: CommonParallel.For
var lu = a.LU();                            // LU factorization
var x = lu.Solve(v);
double residual = (a * x - v).L2Norm();
long workItems = ThreadPool.CompletedWorkItemCount - before;

string F(double d) => d.ToString("G10", CultureInfo.InvariantCulture);
Console.WriteLine($"n={N} trace(ab)={F(product.Trace())} sum(a.*b)/2={F(scaled.RowSums().Sum())} logdet={F(lu.U.Diagonal().Sum(d => Math.Log(Math.Abs(d))))} x0={F(x[0])} residual<1e-9={residual < 1e-9} thread-pool-used={workItems > 0}");
