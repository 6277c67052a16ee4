//! Table formulas: `+ - * /`, parentheses, numbers and column keys, parsed by
//! recursive descent and evaluated in f64 (division by zero gives no value).

use crate::thai;

const MAX_TOKENS: usize = 200;
const MAX_NESTING: usize = 32;

/// One lexical piece of a formula, with its char offset for messages.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(f64),
    Key(String),
    Op(char),
    Open,
    Close,
}

/// A parsed formula; `tokens` are kept to show the sum with values filled in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Formula {
    expr: Expr,
    tokens: Vec<Token>,
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Num(f64),
    Key(String, usize),
    Neg(Box<Expr>),
    Bin(char, Box<Expr>, Box<Expr>),
}

/// Where and why a formula cannot be read; `offset` counts chars into the formula.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FormulaError {
    pub(crate) offset: usize,
    pub(crate) message: String,
}

fn err<T>(offset: usize, message: impl Into<String>) -> Result<T, FormulaError> {
    Err(FormulaError {
        offset,
        message: message.into(),
    })
}

fn is_key_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '+' | '-' | '*' | '/' | '(' | ')' | '×' | '÷')
}

fn lex(text: &str) -> Result<Vec<(Token, usize)>, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let token = match c {
            '+' | '-' | '*' | '/' => Token::Op(c),
            '×' => Token::Op('*'),
            '÷' => Token::Op('/'),
            '(' => Token::Open,
            ')' => Token::Close,
            _ => {
                while i < chars.len() && is_key_char(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let numeric_start =
                    c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c) || c == '.';
                let token = if numeric_start {
                    match thai::parse_number(&word) {
                        Some(x) => Token::Num(x),
                        None => return err(start, format!("`{word}` is not a number")),
                    }
                } else {
                    Token::Key(word)
                };
                out.push((token, start));
                continue;
            }
        };
        out.push((token, start));
        i += 1;
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |(_, o)| *o)
    }

    fn binary(
        &mut self,
        ops: [char; 2],
        next: fn(&mut Self) -> Result<Expr, FormulaError>,
    ) -> Result<Expr, FormulaError> {
        let mut left = next(self)?;
        while let Some(Token::Op(op)) = self.peek() {
            let op = *op;
            if !ops.contains(&op) {
                break;
            }
            self.pos += 1;
            let right = next(self)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn sum(&mut self) -> Result<Expr, FormulaError> {
        self.binary(['+', '-'], Self::product)
    }

    fn product(&mut self) -> Result<Expr, FormulaError> {
        self.binary(['*', '/'], Self::unary)
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        match self.peek() {
            Some(Token::Op('-')) => {
                self.pos += 1;
                Ok(Expr::Neg(Box::new(self.unary()?)))
            }
            Some(Token::Op('+')) => {
                self.pos += 1;
                self.unary()
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<Expr, FormulaError> {
        let offset = self.offset();
        let Some(token) = self.peek().cloned() else {
            return err(
                offset,
                "the formula ends where a number or column key was expected",
            );
        };
        self.pos += 1;
        match token {
            Token::Num(x) => Ok(Expr::Num(x)),
            Token::Key(k) => Ok(Expr::Key(k, offset)),
            Token::Open => {
                let inner = self.sum()?;
                if self.peek() == Some(&Token::Close) {
                    self.pos += 1;
                    Ok(inner)
                } else {
                    err(self.offset(), "expected `)` to close the `(`")
                }
            }
            Token::Close => err(offset, "unexpected `)`"),
            Token::Op(op) => err(
                offset,
                format!("unexpected `{op}` where a number or column key was expected"),
            ),
        }
    }
}

impl Formula {
    pub(crate) fn parse(text: &str) -> Result<Formula, FormulaError> {
        let tokens = lex(text)?;
        // Bounds recursion in parse, eval and drop: no table needs more.
        if tokens.len() > MAX_TOKENS {
            return err(
                0,
                format!(
                    "the formula is too long (more than {MAX_TOKENS} numbers, keys and operators)"
                ),
            );
        }
        let opens = tokens.iter().filter(|(t, _)| *t == Token::Open).count();
        if opens > MAX_NESTING {
            return err(
                0,
                format!("the formula has too many parentheses (more than {MAX_NESTING})"),
            );
        }
        let end = text.chars().count();
        if tokens.is_empty() {
            return err(0, "the formula is empty");
        }
        let mut parser = Parser {
            tokens,
            pos: 0,
            end,
        };
        let expr = parser.sum()?;
        if parser.pos < parser.tokens.len() {
            return err(parser.offset(), "expected an operator (`+ - * /`) here");
        }
        Ok(Formula {
            expr,
            tokens: parser.tokens.into_iter().map(|(t, _)| t).collect(),
        })
    }

    /// The column keys the formula reads, with their char offsets, in order.
    pub(crate) fn keys(&self) -> Vec<(&str, usize)> {
        fn walk<'a>(e: &'a Expr, out: &mut Vec<(&'a str, usize)>) {
            match e {
                Expr::Num(_) => {}
                Expr::Key(k, o) => out.push((k, *o)),
                Expr::Neg(a) => walk(a, out),
                Expr::Bin(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.expr, &mut out);
        out
    }

    /// The value, given each key's value; `None` on division by zero or overflow.
    pub(crate) fn eval(&self, value: &dyn Fn(&str) -> f64) -> Option<f64> {
        fn go(e: &Expr, value: &dyn Fn(&str) -> f64) -> Option<f64> {
            let x = match e {
                Expr::Num(x) => *x,
                Expr::Key(k, _) => value(k),
                Expr::Neg(a) => -go(a, value)?,
                Expr::Bin(op, a, b) => {
                    let (a, b) = (go(a, value)?, go(b, value)?);
                    match op {
                        '+' => a + b,
                        '-' => a - b,
                        '*' => a * b,
                        _ if b == 0.0 => return None,
                        _ => a / b,
                    }
                }
            };
            x.is_finite().then_some(x)
        }
        go(&self.expr, value)
    }

    /// The formula with each key replaced by its value: `632000 × 100 / 818400`.
    pub(crate) fn with_values(&self, value: &dyn Fn(&str) -> f64) -> String {
        let mut out = String::new();
        let mut prev: Option<&Token> = None;
        for t in &self.tokens {
            let tight =
                prev.is_none() || matches!(prev, Some(Token::Open)) || matches!(t, Token::Close);
            if !tight {
                out.push(' ');
            }
            match t {
                Token::Num(x) => out.push_str(&super::raw_number(*x)),
                Token::Key(k) => out.push_str(&super::raw_number(value(k))),
                Token::Op('*') => out.push('×'),
                Token::Op(op) => out.push(*op),
                Token::Open => out.push('('),
                Token::Close => out.push(')'),
            }
            prev = Some(t);
        }
        out
    }
}
