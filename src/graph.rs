//! Cycle detection for `requires` and `after`, shared by catalog and deal
//! validation so a cycle is an input error, never an endless schedule.

/// The strongly connected components that form cycles (two or more nodes, or
/// a node that follows itself), each listed in a stable order starting from
/// its lowest index. Iterative, so deep chains cannot overflow the stack.
pub fn cycles<'a, F>(n: usize, edges: F) -> Vec<Vec<usize>>
where
    F: Fn(usize) -> &'a [usize],
{
    let mut state = Tarjan {
        index: vec![usize::MAX; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        found: Vec::new(),
    };
    for root in 0..n {
        if state.index[root] == usize::MAX {
            state.visit(root, &edges);
        }
    }
    let mut found: Vec<Vec<usize>> = state
        .found
        .into_iter()
        .filter(|c| c.len() > 1 || edges(c[0]).contains(&c[0]))
        .map(|mut c| {
            c.sort_unstable();
            c
        })
        .collect();
    found.sort();
    found
}

struct Tarjan {
    index: Vec<usize>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    next: usize,
    found: Vec<Vec<usize>>,
}

impl Tarjan {
    fn visit<'a, F: Fn(usize) -> &'a [usize]>(&mut self, root: usize, edges: &F) {
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        self.open(root);
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            let out = edges(node);
            if let Some(&next) = out.get(*edge) {
                *edge += 1;
                if next >= self.index.len() {
                    continue;
                }
                if self.index[next] == usize::MAX {
                    self.open(next);
                    work.push((next, 0));
                } else if self.on_stack[next] {
                    self.low[node] = self.low[node].min(self.index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                self.low[parent] = self.low[parent].min(self.low[node]);
            }
            if self.low[node] == self.index[node] {
                self.close(node);
            }
        }
    }

    fn open(&mut self, node: usize) {
        self.index[node] = self.next;
        self.low[node] = self.next;
        self.next += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
    }

    fn close(&mut self, node: usize) {
        let mut component = Vec::new();
        while let Some(top) = self.stack.pop() {
            self.on_stack[top] = false;
            component.push(top);
            if top == node {
                break;
            }
        }
        self.found.push(component);
    }
}

#[cfg(test)]
mod tests {
    use super::cycles;

    fn run(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
        cycles(edges.len(), |i| &edges[i])
    }

    #[test]
    fn finds_cycles_and_self_loops_only() {
        assert!(run(&[vec![1], vec![2], vec![]]).is_empty());
        assert_eq!(run(&[vec![1], vec![2], vec![0]]), vec![vec![0, 1, 2]]);
        assert_eq!(run(&[vec![0], vec![]]), vec![vec![0]]);
        assert_eq!(
            run(&[vec![1], vec![0], vec![3], vec![2]]),
            vec![vec![0, 1], vec![2, 3]]
        );
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![0] })
            .collect();
        assert_eq!(run(&edges)[0].len(), n);
    }
}
