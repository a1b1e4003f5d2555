//! A small interpreter of the XML Schema constructs that Jenkins'
//! `junit-10.xsd` uses, reading the .xsd file itself: global and local
//! element declarations (`name`/`type`/`ref`, inline or named complex types,
//! `xs:string`), content models (`sequence`, `choice`, `minOccurs`,
//! `maxOccurs`), `mixed` content, attributes (`use="required"`, undeclared
//! ones rejected) and simple types restricting `xs:string` by `pattern`.
//! Any other construct in the schema is refused, so the interpreter cannot
//! silently accept what it does not understand.

use roxmltree::Node;
use std::collections::{BTreeSet, HashMap};

const XS: &str = "http://www.w3.org/2001/XMLSchema";

#[derive(Debug, Clone)]
enum Type {
    /// `xs:string`, or a named simple type: text only, no attributes.
    Simple(String),
    Complex(Complex),
    /// A named complex type, resolved when used.
    Named(String),
}

#[derive(Debug, Clone, Default)]
struct Complex {
    mixed: bool,
    content: Option<Particle>,
    attributes: Vec<Attribute>,
}

#[derive(Debug, Clone)]
struct Attribute {
    name: String,
    ty: String,
    required: bool,
}

#[derive(Debug, Clone)]
enum Term {
    /// An element by name, with its local declaration if it has one (else
    /// the global declaration of that name applies).
    Element(String, Option<Box<Type>>),
    Sequence(Vec<Particle>),
    Choice(Vec<Particle>),
}

#[derive(Debug, Clone)]
struct Particle {
    term: Term,
    min: usize,
    /// `None`: unbounded.
    max: Option<usize>,
}

/// A schema read from an .xsd document.
pub struct Schema {
    elements: HashMap<String, Type>,
    complex: HashMap<String, Complex>,
    /// Named simple types: their patterns (each must match the whole value).
    simple: HashMap<String, Vec<String>>,
}

fn xs<'a>(node: Node<'a, 'a>) -> impl Iterator<Item = Node<'a, 'a>> {
    node.children().filter(|c| {
        if c.is_element() {
            assert_eq!(
                c.tag_name().namespace(),
                Some(XS),
                "not an XML Schema element"
            );
        }
        c.is_element()
    })
}

fn occurs(node: Node, name: &str, default: Option<usize>) -> Option<usize> {
    match node.attribute(name) {
        None => default,
        Some("unbounded") => None,
        Some(n) => Some(n.parse().expect("a number of occurrences")),
    }
}

impl Schema {
    pub fn parse(text: &str) -> Schema {
        let doc = roxmltree::Document::parse(text).expect("the schema is XML");
        let root = doc.root_element();
        assert!(root.has_tag_name((XS, "schema")));
        let mut schema = Schema {
            elements: HashMap::new(),
            complex: HashMap::new(),
            simple: HashMap::new(),
        };
        for node in xs(root) {
            let name = node.attribute("name").expect("a global name").to_string();
            match node.tag_name().name() {
                "element" => {
                    schema.elements.insert(name, element_type(node));
                }
                "complexType" => {
                    schema.complex.insert(name, complex(node));
                }
                "simpleType" => {
                    schema.simple.insert(name, simple(node));
                }
                other => panic!("unsupported XSD construct <xs:{other}>"),
            }
        }
        schema
    }

    /// Every global element the schema declares.
    pub fn elements(&self) -> BTreeSet<&str> {
        self.elements.keys().map(String::as_str).collect()
    }

    /// Every way `xml` breaks the schema; empty when it is valid.
    pub fn validate(&self, xml: &str) -> Vec<String> {
        let doc = match roxmltree::Document::parse(xml) {
            Ok(doc) => doc,
            Err(e) => return vec![format!("not well-formed: {e}")],
        };
        let root = doc.root_element();
        let mut errors = Vec::new();
        match self.elements.get(root.tag_name().name()) {
            Some(ty) => self.check(
                root,
                ty,
                &format!("/{}", root.tag_name().name()),
                &mut errors,
            ),
            None => errors.push(format!("undeclared root <{}>", root.tag_name().name())),
        }
        errors
    }

    fn check(&self, node: Node, ty: &Type, path: &str, errors: &mut Vec<String>) {
        match ty {
            Type::Named(name) => match self.complex.get(name) {
                Some(c) => self.check_complex(node, c, path, errors),
                None => self.check_simple(node, name, path, errors),
            },
            Type::Simple(name) => self.check_simple(node, name, path, errors),
            Type::Complex(c) => self.check_complex(node, c, path, errors),
        }
    }

    fn check_simple(&self, node: Node, ty: &str, path: &str, errors: &mut Vec<String>) {
        if let Some(a) = node.attributes().next() {
            errors.push(format!(
                "{path}: attribute {} on a simple element",
                a.name()
            ));
        }
        if node.children().any(|c| c.is_element()) {
            errors.push(format!("{path}: child elements in a simple element"));
        }
        let text: String = node.children().filter_map(|c| c.text()).collect();
        if !self.value_ok(ty, &text) {
            errors.push(format!("{path}: {text:?} is not a valid {ty}"));
        }
    }

    fn value_ok(&self, ty: &str, value: &str) -> bool {
        if ty == "xs:string" {
            return true;
        }
        let patterns = self
            .simple
            .get(ty)
            .unwrap_or_else(|| panic!("unknown type {ty}"));
        patterns.iter().all(|p| {
            let schema = serde_json::json!({ "type": "string", "pattern": format!("^(?:{p})$") });
            jsonschema::validator_for(&schema)
                .expect("an XSD pattern that is also a valid regex")
                .is_valid(&serde_json::json!(value))
        })
    }

    fn check_complex(&self, node: Node, c: &Complex, path: &str, errors: &mut Vec<String>) {
        for a in node.attributes() {
            match c.attributes.iter().find(|d| d.name == a.name()) {
                None => errors.push(format!("{path}: undeclared attribute {}", a.name())),
                Some(d) if !self.value_ok(&d.ty, a.value()) => errors.push(format!(
                    "{path}/@{}: {:?} is not a valid {}",
                    d.name,
                    a.value(),
                    d.ty
                )),
                Some(_) => {}
            }
        }
        for d in c.attributes.iter().filter(|d| d.required) {
            if node.attribute(d.name.as_str()).is_none() {
                errors.push(format!("{path}: required attribute {} missing", d.name));
            }
        }
        if !c.mixed
            && node
                .children()
                .any(|n| n.is_text() && !n.text().unwrap_or("").trim().is_empty())
        {
            errors.push(format!("{path}: text in an element without mixed content"));
        }
        let children: Vec<Node> = node.children().filter(|n| n.is_element()).collect();
        let names: Vec<&str> = children.iter().map(|n| n.tag_name().name()).collect();
        let fits = match &c.content {
            Some(p) => ends(p, &names, 0).contains(&names.len()),
            None => names.is_empty(),
        };
        if !fits {
            errors.push(format!(
                "{path}: children {names:?} do not fit the content model"
            ));
            return;
        }
        let mut locals = HashMap::new();
        if let Some(p) = &c.content {
            local_declarations(p, &mut locals);
        }
        for (i, child) in children.iter().enumerate() {
            let name = child.tag_name().name();
            let child_path = format!("{path}/{name}[{i}]");
            match locals.get(name).or_else(|| self.elements.get(name)) {
                Some(ty) => self.check(*child, ty, &child_path, errors),
                None => errors.push(format!("{child_path}: undeclared element")),
            }
        }
    }
}

fn element_type(node: Node) -> Type {
    if let Some(ty) = node.attribute("type") {
        return if ty.starts_with("xs:") {
            assert_eq!(ty, "xs:string", "unsupported built-in type");
            Type::Simple(ty.to_string())
        } else {
            Type::Named(ty.to_string())
        };
    }
    let inner: Vec<Node> = xs(node).collect();
    match inner.as_slice() {
        [c] if c.has_tag_name((XS, "complexType")) => Type::Complex(complex(*c)),
        [] => Type::Simple("xs:string".into()),
        _ => panic!("unsupported element declaration"),
    }
}

fn complex(node: Node) -> Complex {
    let mut c = Complex {
        mixed: node.attribute("mixed") == Some("true"),
        ..Complex::default()
    };
    for child in xs(node) {
        match child.tag_name().name() {
            "sequence" | "choice" => {
                assert!(c.content.is_none(), "one content model");
                c.content = Some(particle(child));
            }
            "attribute" => c.attributes.push(Attribute {
                name: child.attribute("name").expect("an attribute name").into(),
                ty: child.attribute("type").unwrap_or("xs:string").into(),
                required: child.attribute("use") == Some("required"),
            }),
            other => panic!("unsupported XSD construct <xs:{other}> in a complex type"),
        }
    }
    c
}

fn simple(node: Node) -> Vec<String> {
    let restriction = xs(node).next().expect("a restriction");
    assert!(restriction.has_tag_name((XS, "restriction")));
    assert_eq!(restriction.attribute("base"), Some("xs:string"));
    xs(restriction)
        .map(|facet| {
            assert!(facet.has_tag_name((XS, "pattern")), "only patterns");
            facet.attribute("value").expect("a pattern").to_string()
        })
        .collect()
}

fn particle(node: Node) -> Particle {
    let term = match node.tag_name().name() {
        "sequence" => Term::Sequence(xs(node).map(particle).collect()),
        "choice" => Term::Choice(xs(node).map(particle).collect()),
        "element" => match node.attribute("ref") {
            Some(name) => Term::Element(name.to_string(), None),
            None => Term::Element(
                node.attribute("name").expect("a local name").to_string(),
                Some(Box::new(element_type(node))),
            ),
        },
        other => panic!("unsupported XSD construct <xs:{other}> in a content model"),
    };
    Particle {
        term,
        min: occurs(node, "minOccurs", Some(1)).expect("a finite minOccurs"),
        max: occurs(node, "maxOccurs", Some(1)),
    }
}

fn local_declarations(p: &Particle, out: &mut HashMap<String, Type>) {
    match &p.term {
        Term::Element(name, Some(ty)) => {
            out.insert(name.clone(), (**ty).clone());
        }
        Term::Element(_, None) => {}
        Term::Sequence(ps) | Term::Choice(ps) => ps.iter().for_each(|p| local_declarations(p, out)),
    }
}

/// Every position the particle can end at, starting at `start`.
fn ends(p: &Particle, names: &[&str], start: usize) -> BTreeSet<usize> {
    let mut result = BTreeSet::new();
    if p.min == 0 {
        result.insert(start);
    }
    let mut current = BTreeSet::from([start]);
    // Each useful repetition consumes an element; more rounds change nothing.
    let rounds = p
        .max
        .unwrap_or(names.len() + p.min + 1)
        .min(names.len() + p.min + 1);
    for count in 1..=rounds {
        let next: BTreeSet<usize> = current
            .iter()
            .flat_map(|&at| once(&p.term, names, at))
            .collect();
        if next.is_empty() {
            break;
        }
        if count >= p.min {
            result.extend(next.iter().copied());
        }
        current = next;
    }
    result
}

fn once(term: &Term, names: &[&str], at: usize) -> BTreeSet<usize> {
    match term {
        Term::Element(name, _) => {
            if names.get(at) == Some(&name.as_str()) {
                BTreeSet::from([at + 1])
            } else {
                BTreeSet::new()
            }
        }
        Term::Sequence(parts) => parts.iter().fold(BTreeSet::from([at]), |positions, p| {
            positions
                .iter()
                .flat_map(|&pos| ends(p, names, pos))
                .collect()
        }),
        Term::Choice(parts) => parts.iter().flat_map(|p| ends(p, names, at)).collect(),
    }
}
