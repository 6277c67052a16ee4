//! Stage 2, check: whole-site checks over the corpus → diagnostics. Links must name a page
//! or file that exists and that the linking page's audience may see ([`links`]); every file
//! a page refers to must stay inside `content/`, and belongs to the page whose folder holds
//! it, with that page's access ([`refs`]).

pub(crate) mod links;
pub(crate) mod refs;
