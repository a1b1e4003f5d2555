//! Every catalog finding (C001–C006) triggered, and absent where the catalog
//! is right.

use crate::common;
use dealcheck::gap::GapCode::{self, *};

fn codes(text: &str) -> Vec<GapCode> {
    let catalog = common::catalog_from(text).unwrap_or_else(|e| panic!("{}", e.render(false)));
    dealcheck::lint::lint(&catalog)
        .iter()
        .map(|g| g.code())
        .collect()
}

const HEAD: &str = "[catalog]\nname = \"L\"\n[[team]]\nid = \"t\"\npeople = 2\n";

fn feature(body: &str) -> String {
    format!("{HEAD}[[feature]]\nid = \"x\"\n{body}\n")
}

#[test]
fn c001_planned_without_eta_or_work() {
    assert_eq!(codes(&feature("status = \"planned\"")), [C001]);
    assert!(codes(&feature("status = \"planned\"\neta = 2027-01-01")).is_empty());
    let with_work = feature("status = \"planned\"\nwork = { team = \"t\", days = 3 }");
    assert!(codes(&with_work).is_empty());
}

#[test]
fn c002_work_on_a_feature_that_is_not_planned() {
    assert_eq!(
        codes(&feature(
            "status = \"ga\"\nwork = { team = \"t\", days = 3 }"
        )),
        [C002]
    );
    assert!(
        codes(&feature(
            "status = \"ga\"\nsetup = { team = \"t\", days = 3 }"
        ))
        .is_empty()
    );
}

#[test]
fn c003_eta_on_a_feature_that_is_not_planned() {
    let gaps = {
        let c = common::catalog_from(&feature("status = \"beta\"\neta = 2027-01-01")).unwrap();
        dealcheck::lint::lint(&c)
    };
    assert_eq!(gaps.iter().map(|g| g.code()).collect::<Vec<_>>(), [C003]);
    assert!(gaps[0].message().contains("is beta: the eta is ignored"));
    assert!(codes(&feature("status = \"beta\"")).is_empty());
}

#[test]
fn c004_requiring_a_conflict_directly_or_through_others() {
    let direct = format!(
        "{HEAD}[[feature]]\nid = \"a\"\nstatus = \"ga\"\nrequires = [\"b\"]\nconflicts = [\"b\"]\n\
         [[feature]]\nid = \"b\"\nstatus = \"ga\"\n"
    );
    assert_eq!(codes(&direct), [C004]);
    // a → b → c, and c says it conflicts with a: found through the chain.
    let through = format!(
        "{HEAD}[[feature]]\nid = \"a\"\nstatus = \"ga\"\nrequires = [\"b\"]\n\
         [[feature]]\nid = \"b\"\nstatus = \"ga\"\nrequires = [\"c\"]\n\
         [[feature]]\nid = \"c\"\nstatus = \"ga\"\nconflicts = [\"a\"]\n"
    );
    let catalog = common::catalog_from(&through).unwrap();
    let gaps = dealcheck::lint::lint(&catalog);
    assert_eq!(gaps.iter().map(|g| g.code()).collect::<Vec<_>>(), [C004]);
    assert!(
        gaps[0].message().contains("\"a\" requires \"c\""),
        "{}",
        gaps[0].message()
    );
    // A conflict with something not required is fine.
    let apart = format!(
        "{HEAD}[[feature]]\nid = \"a\"\nstatus = \"ga\"\nconflicts = [\"b\"]\n\
         [[feature]]\nid = \"b\"\nstatus = \"ga\"\n"
    );
    assert!(codes(&apart).is_empty());
}

#[test]
fn c005_and_c006_teams() {
    let empty = "[catalog]\nname = \"L\"\n[[team]]\nid = \"t\"\npeople = 0\n";
    assert_eq!(codes(empty), [C005]);
    let commit = |people: u32| {
        format!(
            "{HEAD}[[team.commitment]]\nwhat = \"Migration\"\nfrom = 2027-01-01\nuntil = 2027-02-01\npeople = {people}\n"
        )
    };
    assert_eq!(codes(&commit(3)), [C006]);
    // Exactly the whole team is allowed: it is busy, not mistyped.
    assert!(codes(&commit(2)).is_empty());
    assert!(codes(&commit(1)).is_empty());
    assert!(codes(HEAD).is_empty());
}
